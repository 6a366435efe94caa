using System.Net;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// What each role may open, written out by hand as the product's access rules, and checked against the running app
/// for every role and every page. A page missing from the table fails the test, so each new page gets a decision.
/// </summary>
[Collection(HostsTheApp.Name)]
public sealed class RoleAccessTests(SecuredApp secured)
{
    private static readonly string[] Everyone = [.. Roles.All];

    public static readonly Dictionary<string, string[]> WhoMayOpen = new(StringComparer.Ordinal)
    {
        ["/"] = Everyone,
        ["/campaigns"] = Everyone,
        ["/campaigns/{Id:int}"] = Everyone,
        ["/campaigns/new"] = [Roles.Admin, Roles.MarketingManager],
        ["/campaigns/{Id:int}/edit"] = [Roles.Admin, Roles.MarketingManager],
        ["/campaigns/{Id:int}/report"] = Everyone,
        ["/customers"] = Everyone,
        ["/customers/{Id:int}"] = Everyone,
        ["/segments"] = Everyone,
        ["/experiments"] = Everyone,
        ["/models"] = Everyone,
        ["/data"] = Everyone,
        ["/not-found"] = Everyone,
        ["/admin/users"] = [Roles.Admin],
        ["/admin/audit"] = [Roles.Admin],
        ["/admin/api-keys"] = [Roles.Admin],
        ["/jobs/{**path}"] = [Roles.Admin],
        ["/customers/{id:int}/export"] = [Roles.Admin, Roles.CrmStaff],
        ["/data/imports/{Id:int}"] = Everyone,
        ["/data/imports/{id:int}/rows.csv"] = [Roles.Admin, Roles.CrmStaff],
        ["/campaigns/{id:int}/ad-audience.csv"] = [Roles.Admin, Roles.MarketingManager],
        ["/campaigns/{id:int}/report.csv"] = Everyone,
        ["/campaigns/{id:int}/contact-list.csv"] = [Roles.Admin, Roles.MarketingManager],
    };

    /// <summary>The framework's own plumbing and the machine API (API keys, tested in Api/) are not pages anyone opens.</summary>
    private static bool IsPlumbingOrApi(string route) =>
        route.StartsWith("/_blazor", StringComparison.Ordinal) || route.StartsWith("/_framework", StringComparison.Ordinal)
        || route.StartsWith("/api/", StringComparison.Ordinal) || route is "{**path:file}" or "/account/logout";

    [Fact]
    public void EveryPageAndDownload_HasAnAccessRule()
    {
        var pages = secured.Endpoints()
            .Where(e => !SecuredApp.IsStaticAsset(e))
            .Select(e => e.RoutePattern.RawText!)
            .Where(route => route is not ("/login" or "/access-denied" or "/error" or "/health") && !IsPlumbingOrApi(route));

        Assert.All(pages, route => Assert.True(WhoMayOpen.ContainsKey(route), $"{route} has no row in WhoMayOpen"));
    }

    public static TheoryData<string, string> RoutesAndRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in WhoMayOpen.Keys)
        {
            foreach (var role in Roles.All)
            {
                data.Add(route, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndRoles))]
    public async Task Page_OpensOnlyForItsRoles(string route, string role)
    {
        using var response = await secured.ByRole[role].GetAsync(new Uri(SecuredApp.Address(route), UriKind.Relative));

        var denied = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
            || response.Headers.Location?.OriginalString.Contains("/access-denied", StringComparison.Ordinal) == true
            || response.Headers.Location?.OriginalString.Contains("/login", StringComparison.Ordinal) == true;
        var mayOpen = WhoMayOpen[route].Contains(role);
        Assert.True(mayOpen != denied, $"{role} {(mayOpen ? "was refused" : "was let into")} {route} ({(int)response.StatusCode} {response.Headers.Location})");
        if (mayOpen)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
