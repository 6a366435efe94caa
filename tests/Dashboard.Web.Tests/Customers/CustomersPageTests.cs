using Bunit;
using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Customers;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Tests.Infrastructure;
using MudBlazor;
using MudBlazor.Extensions;

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

    [Fact]
    public async Task Render_ListsOnlyTheChurnBandInTheAddress_WithChurnRiskAsPercent()
    {
        SignInAs(Roles.CrmStaff);
        var database = UseDatabase(Now);
        await ScoredCustomersAsync(database, ("C-1", 0.72), ("C-2", 0.15), ("C-3", null));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("customers?churn=high");

        var cut = Render<CustomersPage>();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count > 0, LoadTimeout);

        var row = Assert.Single(cut.FindAll("tbody tr.mud-table-row"));
        Assert.Contains("C-1", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("72.0 %", row.QuerySelector("[data-testid='churn-risk']")!.TextContent.Trim());
        Assert.Equal(ChurnBand.High, cut.FindComponent<MudSelect<ChurnBand?>>().Instance.GetState(x => x.Value));
        Assert.Contains("churn=high", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChurnFilter_PutsTheBandInTheAddressAndShowsDashForUnscored_WhenChosen()
    {
        SignInAs(Roles.CrmStaff);
        var database = UseDatabase(Now);
        await ScoredCustomersAsync(database, ("C-1", 0.72), ("C-2", 0.15), ("C-3", null));
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<CustomersPage>();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count == 3, LoadTimeout);

        var filter = cut.FindComponent<MudSelect<ChurnBand?>>();
        await cut.InvokeAsync(() => filter.Instance.ValueChanged.InvokeAsync(ChurnBand.NotScored));
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count == 1, LoadTimeout);

        var row = Assert.Single(cut.FindAll("tbody tr.mud-table-row"));
        Assert.Contains("C-3", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("—", row.QuerySelector("[data-testid='churn-risk']")!.TextContent.Trim());
        Assert.Contains("churn=notscored", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FiltersByLastPurchaseBandInTheAddress_AndKeepsItThere()
    {
        SignInAs(Roles.CrmStaff);
        var shop = new Shop(UseDatabase(Now));
        var recent = await shop.CustomerAsync("C-1", Created);
        await shop.ProfileAsync(recent, "Loyal", 2, 100, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), recencyDays: 30);
        await shop.CustomerAsync("C-2", Created);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("customers?last-purchase=never");

        var cut = Render<CustomersPage>();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count > 0, LoadTimeout);

        Assert.Contains("C-2", Assert.Single(cut.FindAll("tbody tr.mud-table-row")).TextContent, StringComparison.Ordinal);
        Assert.Contains("last-purchase=never", navigation.Uri, StringComparison.Ordinal);
    }

    private static async Task ScoredCustomersAsync(SqliteTestDatabase database, params (string Id, double? ChurnRisk)[] customers)
    {
        var shop = new Shop(database);
        foreach (var (id, risk) in customers)
        {
            var customer = await shop.CustomerAsync(id, Created);
            await shop.ProfileAsync(customer, "Loyal", 2, 100, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), recencyDays: 30);
            await using var db = database.CreateDbContext();
            await db.Profiles.Where(p => p.CustomerId == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ChurnRisk, risk));
        }
    }
}
