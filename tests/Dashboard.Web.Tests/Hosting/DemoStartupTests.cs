using System.Net;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Demo;
using Dashboard.Core.Experiments.Reports;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Security;
using Dashboard.Web.Tests.Infrastructure;
using Dashboard.Core.Recommendations.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>A fresh start in demo mode: migrate, seed the demo shop, run the pipeline, render the Overview from it.</summary>
[Collection(HostsTheApp.Name)]
public sealed class DemoStartupTests(DemoStartupTests.DemoApp demo) : IClassFixture<DemoStartupTests.DemoApp>
{
    [Fact]
    public async Task Start_SeedsDemoShopAndRunsPipeline_WhenDatabaseIsEmpty()
    {
        using var client = demo.App.CreateClient();
        await client.PostSignInFormAsync("analyst@demo.example", DemoUsers.Password);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        var contexts = demo.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        Assert.Equal(300, await db.Customers.CountAsync());
        Assert.Equal(300, await db.Profiles.CountAsync());
        var run = await db.PipelineRuns.SingleAsync();
        Assert.Equal((RunStatus.Succeeded, "startup"), (run.Status, run.Trigger));
        // The pipeline's train stage leaves a recommender champion that serves the profile pages and the demo campaign.
        Assert.True(await db.ModelVersions.AnyAsync(m => m.IsChampion && m.Kind.StartsWith(RecommenderKinds.Prefix)), run.Log);
        Assert.Contains("As of 2026-06-30", html, StringComparison.Ordinal);
        Assert.Contains(">300<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_QueuesATrainingOfEveryFamily_WhichTheJobServerRuns()
    {
        var contexts = demo.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        string[] families = [];
        for (var attempt = 0; attempt < 360 && !families.Contains("rec:sasrec"); attempt++)
        {
            await Task.Delay(500);
            await using var db = await contexts.CreateDbContextAsync();
            families = [.. await db.ModelVersions.Where(m => m.Kind.StartsWith(RecommenderKinds.Prefix)).Select(m => m.Kind).Distinct().ToListAsync()];
        }

        // The pipeline trained the quick families at start-up; the queued run adds the sequence models.
        Assert.Equal(["rec:gru4rec", "rec:itemknn", "rec:popularity", "rec:repeat", "rec:sasrec"], families.Order());
    }

    [Fact]
    public async Task Start_PlaysAFinishedABTest_WhoseReportHasAVerdict()
    {
        var contexts = demo.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var campaign = await db.Campaigns.SingleAsync();
        Assert.Equal((DemoCampaign.Name, CampaignStatus.Completed), (campaign.Name, campaign.Status));
        // Launched 16 days before the shop's last day, so its 14-day window closed the day before.
        Assert.Equal(new DateTime(2026, 6, 14, 9, 0, 0, DateTimeKind.Utc), campaign.LaunchedAt);
        Assert.True(await db.Conversions.CountAsync(c => c.CampaignId == campaign.Id) > 0);

        var report = await demo.App.Services.GetRequiredService<CampaignAnalysis>().GetAsync(campaign.Id);

        Assert.NotNull(report);
        Assert.False(report.Sequential);
        Assert.Equal(3, report.Incrementality!.Variants.Count);
        Assert.False(string.IsNullOrEmpty(report.Verdict.Headline));
    }

    [Fact]
    public async Task SignInPage_ListsOneDemoAccountPerRole_InDemoMode()
    {
        using var client = demo.App.CreateClient();

        var html = await client.GetStringAsync(new Uri("/login", UriKind.Relative));

        Assert.Contains(DemoUsers.Password, html, StringComparison.Ordinal);
        Assert.All(DemoUsers.All, user => Assert.Contains(user.Email, html, StringComparison.Ordinal));
        Assert.Equal(Roles.All.Order(), DemoUsers.All.Select(u => u.Role).Order());
    }

    [Theory]
    [InlineData("admin@demo.example", Roles.Admin)]
    [InlineData("crm@demo.example", Roles.CrmStaff)]
    public async Task DemoAccount_SignsInWithItsRole_InDemoMode(string email, string role)
    {
        using var client = demo.App.CreateClient();
        await client.PostSignInFormAsync(email, DemoUsers.Password);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains(email, html, StringComparison.Ordinal);
        Assert.Contains(role, html, StringComparison.Ordinal);
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
