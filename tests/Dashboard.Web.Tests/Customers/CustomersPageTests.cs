using Bunit;
using Dashboard.Core.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Customers;

public sealed class CustomersPageTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Created = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ListsOnlyMatchingCustomers_WhenQueryStringHasSearch()
    {
        SignInAs(Roles.CrmStaff);
        var shop = new Shop(UseDatabase(Now));
        var ann = await shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await shop.CustomerAsync("C-2", Created, "bob@example.com", "Bob", "Baker");
        await shop.ProfileAsync(ann, "Champions", 3, 250.0, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));

        Services.GetRequiredService<NavigationManager>().NavigateTo("customers?q=archer");

        var cut = Render<CustomersPage>();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count > 0, LoadTimeout);

        var row = Assert.Single(cut.FindAll("tbody tr.mud-table-row"));
        Assert.Contains("C-1", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Champions", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("250.00", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 matching", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsEmptyState_WhenThereAreNoCustomers()
    {
        SignInAs(Roles.CrmStaff);
        UseDatabase(Now);

        var cut = Render<CustomersPage>();
        cut.WaitForState(() => cut.Markup.Contains("No customers yet", StringComparison.Ordinal), LoadTimeout);

        Assert.Contains("seed-demo", cut.Markup, StringComparison.Ordinal);
    }
}
