using System.Net;
using Dashboard.Core.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Hosting;

/// <summary>
/// The real app (Program.cs) on a fresh SQLite folder: it migrates at start, serves the shell with
/// MudBlazor's assets, and serves the product's own files from wwwroot-assets/.
/// </summary>
[Collection(HostsTheApp.Name)]
public sealed class WebAppTests : IClassFixture<WebAppTests.App>
{
    private readonly App _app;

    public WebAppTests(App app) => _app = app;

    [Fact]
    public async Task GetRoot_ServesShellWithMudBlazorAssets_WhenDatabaseIsNew()
    {
        using var client = await _app.SignedInClientAsync(Roles.Analyst);

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Campaign Dashboard", html, StringComparison.Ordinal);
        Assert.Matches(@"_content/MudBlazor/MudBlazor\.min(\.[a-z0-9]+)?\.css", html);
        Assert.Matches(@"_content/MudBlazor/MudBlazor\.min(\.[a-z0-9]+)?\.js", html);
        Assert.Contains("No shop data yet", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app.css", "text/css")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    [InlineData("/images/logo.svg", "image/svg+xml")]
    public async Task GetAsset_ServesFileFromWwwrootAssets_WhenRequested(string path, string contentType)
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/customers", "customers-table")]
    [InlineData("/segments", "No segments yet")]
    [InlineData("/models", "The pipeline has not run yet")]
    [InlineData("/data", "No imports yet")]
    [InlineData("/experiments", "No experiments yet")]
    public async Task GetPage_RendersPage_WhenDatabaseIsEmpty(string path, string expectedText)
    {
        using var client = await _app.SignedInClientAsync(Roles.Analyst);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expectedText, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUnknownPath_ServesNotFoundPage_WhenNoRouteMatches()
    {
        using var client = await _app.SignedInClientAsync(Roles.Analyst);

        var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This page does not exist", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJobsDashboardPath_LeavesResponseToHangfire_WhenStatusIsAnError()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync(new Uri("/jobs/no-such-page", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("This page does not exist", html, StringComparison.Ordinal);
    }

    public sealed class App : WebApplicationFactory<Dashboard.Web.App>
    {
        private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dashboard-tests", $"web-{Guid.NewGuid():N}");

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting(DatabaseSettings.DataDirectoryKey, _dataDirectory);
            builder.UseSetting("Demo:SeedWhenEmpty", "false");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Still open somewhere; the OS temp cleaner gets it.
            }
        }
    }
}
