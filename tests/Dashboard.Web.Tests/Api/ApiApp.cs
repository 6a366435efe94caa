using System.Net.Http.Headers;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>The real app without demo data, shared by one API test class; each test makes its own keys and data.</summary>
public sealed class ApiApp : IAsyncLifetime
{
    private readonly string _data = DashboardAppFactory.NewDataDirectory();

    public ApiApp() => App = new DashboardAppFactory(_data, new Dictionary<string, string>
    {
        ["Demo:SeedWhenEmpty"] = "false",
        // Tests add data between requests: recommendation serving must not answer from a snapshot taken before.
        ["Recommendations:Serving:ChampionRefreshAfter"] = "00:00:00",
        ["Recommendations:Serving:CatalogueRefreshAfter"] = "00:00:00",
    });

    public DashboardAppFactory App { get; }

    public IDbContextFactory<DashboardDbContext> Contexts => App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task<CreatedApiKey> CreateKeyAsync(string[] scopes, int requestsPerMinute = 1000, string name = "Test client") =>
        await Service<ApiKeyService>().CreateAsync(new NewApiKey(name, scopes, requestsPerMinute), "admin");

    /// <summary>A client that sends <paramref name="key"/> in the X-Api-Key header (or no key when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = App.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        DashboardAppFactory.DeleteDataDirectory(_data);
    }
}
