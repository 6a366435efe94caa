using System.Net;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The app as staff sign-in will make it: a cookie scheme as the default and a fallback policy requiring a
/// signed-in user. API calls must still get API key problems, never a redirect to a login page.
/// </summary>
[Collection(HostsTheApp.Name)]
public sealed class ApiBesideStaffSignInTests : IAsyncLifetime
{
    private readonly string _data = DashboardAppFactory.NewDataDirectory();
    private readonly WebApplicationFactory<Dashboard.Web.App> _app;

    public ApiBesideStaffSignInTests()
    {
        Factory = new DashboardAppFactory(_data, new Dictionary<string, string> { ["Demo:SeedWhenEmpty"] = "false" });
        _app = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(options => options.LoginPath = "/account/login");
            services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }));
    }

    /// <summary>The plain app; disposing it disposes the variant derived from it.</summary>
    private DashboardAppFactory Factory { get; }

    [Fact]
    public async Task Get_Returns401Problem_NotLoginRedirect_WhenNoKeyIsSent()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/api/audiences/1", UriKind.Relative));
        var unknownPath = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        await Problem.ReadAsync(unknownPath, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_Returns403Problem_NotAccessDeniedRedirect_WhenKeyLacksScope()
    {
        var key = await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync(new NewApiKey("Shop", [ApiScopes.EventsWrite], 60), "admin");
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Key);

        var response = await client.GetAsync(new Uri("/api/audiences/1", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_ChallengesWithCookieScheme_WhenPageNeedsStaff()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/customers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        DashboardAppFactory.DeleteDataDirectory(_data);
    }
}
