using System.Net;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>A fresh start in demo mode: migrate, seed the demo shop, run the pipeline, render the Overview from it.</summary>
public sealed class DemoStartupTests(DemoStartupTests.DemoApp demo) : IClassFixture<DemoStartupTests.DemoApp>
{
    [Fact]
    public async Task Start_SeedsDemoShopAndRunsPipeline_WhenDatabaseIsEmpty()
    {
        using var client = demo.App.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        var contexts = demo.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(300, await db.Customers.CountAsync());
        Assert.Equal(300, await db.Profiles.CountAsync());
        var run = await db.PipelineRuns.SingleAsync();
        Assert.Equal((RunStatus.Succeeded, "startup"), (run.Status, run.Trigger));
        Assert.True(await db.ModelVersions.AnyAsync(m => m.IsChampion));
        Assert.Contains("As of 2026-06-30", html, StringComparison.Ordinal);
        Assert.Contains(">300<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ReturnsOk_AfterStart()
    {
        using var client = demo.App.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class DemoApp : IAsyncLifetime
    {
        private readonly string _data = DashboardAppFactory.NewDataDirectory();

        public DemoApp() => App = new DashboardAppFactory(_data, new Dictionary<string, string>
        {
            ["Demo:Customers"] = "300",
            ["Demo:Products"] = "120",
            ["Demo:Days"] = "60",
            ["Demo:EndDate"] = "2026-06-30",
        });

        public DashboardAppFactory App { get; }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            DashboardAppFactory.DeleteDataDirectory(_data);
        }
    }
}
