using System.Net;
using Dashboard.Core.Security;
using Dashboard.Core.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// Every endpoint the app maps, enumerated from the routing system (so a new page or API cannot be forgotten),
/// refuses a signed-out request, except the few that must be public.
/// </summary>
[Collection(HostsTheApp.Name)]
public sealed class EndpointProtectionTests(SecuredApp secured)
{
    /// <summary>Public on purpose: signing in, the pages shown when something fails, and the container health probe.</summary>
    private static readonly HashSet<string> PublicRoutes = new(StringComparer.Ordinal) { "/login", "/access-denied", "/error", "/health" };

    [Fact]
    public void OnlyTheSignInErrorAndHealthEndpoints_AllowAnonymous_BesidesStaticAssets()
    {
        var anonymous = secured.Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && !SecuredApp.IsStaticAsset(e))
            .Select(e => e.RoutePattern.RawText!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(PublicRoutes.Order(StringComparer.Ordinal), anonymous.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryOtherEndpoint_RefusesSignedOutRequest()
    {
        var endpoints = secured.Endpoints()
            .Where(e => !SecuredApp.IsStaticAsset(e) && !PublicRoutes.Contains(e.RoutePattern.RawText!))
            .ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} endpoints found: is the enumeration broken?");

        var accepted = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var address = SecuredApp.Address(endpoint.RoutePattern.RawText!);
            using var request = new HttpRequestMessage(new HttpMethod(SecuredApp.Method(endpoint)), address);
            using var response = await secured.SignedOut.SendAsync(request);

            var toSignIn = response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString.Contains("/login", StringComparison.Ordinal) == true;
            if (!toSignIn && response.StatusCode != HttpStatusCode.Unauthorized)
            {
                accepted.Add($"{SecuredApp.Method(endpoint)} {address} -> {(int)response.StatusCode}");
            }
        }

        Assert.True(accepted.Count == 0, "Answered a signed-out request: " + string.Join("; ", accepted));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/customers")]
    [InlineData("/jobs")]
    public async Task SignedOutPageRequest_RedirectsToSignIn_WithReturnUrl(string path)
    {
        using var response = await secured.SignedOut.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"/login?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInUserWithoutRole_IsDeniedEveryPage()
    {
        using var response = await secured.WithoutRole.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerExport_IsAJsonFileOfThatCustomer_NotCached_AndAudited()
    {
        using var response = await secured.ByRole[Roles.CrmStaff].GetAsync(new Uri("/customers/1/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("customer-1-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains(SecuredApp.CustomerEmail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await secured.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.CustomerExported && e.EntityId == "1" && e.Actor.StartsWith("crmstaff-")));
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var response = await secured.SignedOut.GetAsync(new Uri("/login", UriKind.Relative));

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task ImportMap_CarriesTheResponsesNonce()
    {
        using var response = await secured.ByRole[Roles.Analyst].GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
    }
}
