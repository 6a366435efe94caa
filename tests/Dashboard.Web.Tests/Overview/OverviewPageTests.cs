using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Overview;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Overview;

public sealed class OverviewPageTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ShowsNumbersFromDatabase_WhenShopHasOrders()
    {
        var shop = new Shop(UseDatabase(Now));
        var anna = await shop.CustomerAsync("A-1", new DateTime(2025, 11, 3, 9, 0, 0, DateTimeKind.Utc));
        var ben = await shop.CustomerAsync("B-2", new DateTime(2026, 3, 20, 9, 0, 0, DateTimeKind.Utc));
        await shop.PurchaseAsync(anna, new DateTime(2026, 3, 30, 15, 0, 0, DateTimeKind.Utc), 120.00m);
        await shop.PurchaseAsync(ben, new DateTime(2026, 3, 20, 10, 0, 0, DateTimeKind.Utc), 35.50m);
        await shop.ReturnAsync(anna, new DateTime(2026, 3, 25, 10, 0, 0, DateTimeKind.Utc), 15.50m);
        await shop.PurchaseAsync(anna, new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), 80.00m);

        var cut = Render<OverviewPage>();
        cut.WaitForState(() => cut.FindAll(".kpi").Count > 0, LoadTimeout);

        // 120.00 + 35.50 - 15.50; the February order is outside the window.
        Assert.Equal("2", Kpi(cut, "Customers"));
        Assert.Equal("1 new in the last 30 days", cut.Find("[data-kpi='Customers'] .kpi-caption").TextContent.Trim());
        Assert.Equal("2", Kpi(cut, "Orders"));
        Assert.Equal("140.00", Kpi(cut, "Net revenue"));
        Assert.Equal("0", Kpi(cut, "Active campaigns"));
        Assert.Contains("As of 2026-03-31", cut.Find("h1 + .page-subtitle, .page-subtitle").TextContent, StringComparison.Ordinal);
        Assert.Contains("The pipeline has not run yet.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsSeedDemoHint_WhenDatabaseIsEmpty()
    {
        UseDatabase(Now);

        var cut = Render<OverviewPage>();
        cut.WaitForState(() => cut.Markup.Contains("No shop data yet", StringComparison.Ordinal), LoadTimeout);

        Assert.Contains("dotnet run --project src/Dashboard.Cli -- seed-demo", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".kpi"));
    }

    private static string Kpi(IRenderedComponent<OverviewPage> cut, string label) =>
        cut.Find($"[data-kpi='{label}'] .kpi-value").TextContent.Trim();
}
