using Bunit;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Security;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Customers;

public sealed class CustomerTimelineTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Start = HistoryShop.Start;
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ShowsOrdersAndEventsMergedNewestFirst()
    {
        SignInAs(Roles.CrmStaff);
        var shop = new HistoryShop(UseDatabase(Now));
        var ann = await shop.CustomerAsync("C-1");
        var mug = await shop.ProductAsync("Blue mug", price: 4.5m);
        var spring = await shop.CampaignAsync("Spring sale");
        await shop.EventAsync(ann, Start, EventType.EmailClick, mug, spring);
        await shop.OrderAsync(ann, Start.AddHours(1), OrderKind.Purchase, (mug, 2));
        await shop.EventAsync(ann, Start.AddHours(2), EventType.AddToCart, mug);
        await shop.OrderAsync(ann, Start.AddDays(1), OrderKind.Return, (mug, 1));

        var cut = Render<CustomerTimeline>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForState(() => Rows(cut).Count == 4, LoadTimeout);

        var rows = Rows(cut);
        Assert.Equal(["order", "event", "order", "event"], Kinds(cut));
        Assert.Contains("Return", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("−4.50", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Added to cart", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Blue mug", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Purchase", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("000001", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("9.00", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Blue mug · campaign Spring sale", rows[3].TextContent, StringComparison.Ordinal);
        Assert.Equal("4 entries", cut.Find("[data-testid=timeline-count]").TextContent);
    }

    [Fact]
    public async Task Pager_ShowsTheOldestFive_OnPageTwoOfTwentyFive()
    {
        SignInAs(Roles.CrmStaff);
        var shop = new HistoryShop(UseDatabase(Now));
        var ann = await shop.CustomerAsync("C-1");
        var mug = await shop.ProductAsync("Blue mug");
        for (var i = 0; i < 25; i++)
        {
            await shop.EventAsync(ann, Start.AddHours(i), EventType.View, mug);
        }

        var cut = Render<CustomerTimeline>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForState(() => Rows(cut).Count == 20, LoadTimeout);
        Assert.Contains("2026-03-02 09:00", Rows(cut)[0].TextContent, StringComparison.Ordinal);

        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForState(() => Rows(cut).Count == 5, LoadTimeout);

        Assert.Equal(
            ["2026-03-01 13:00", "2026-03-01 12:00", "2026-03-01 11:00", "2026-03-01 10:00", "2026-03-01 09:00"],
            Rows(cut).Select(r => r.QuerySelector("td")!.TextContent.Trim()));
    }

    [Fact]
    public async Task Filter_ShowsOnlyOrders_ThenOnlyEvents()
    {
        SignInAs(Roles.CrmStaff);
        var shop = new HistoryShop(UseDatabase(Now));
        var ann = await shop.CustomerAsync("C-1");
        var mug = await shop.ProductAsync("Blue mug");
        await shop.EventAsync(ann, Start, EventType.View, mug);
        await shop.EventAsync(ann, Start.AddHours(1), EventType.View, mug);
        await shop.OrderAsync(ann, Start.AddHours(2), OrderKind.Purchase, (mug, 1));

        var cut = Render<CustomerTimeline>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForState(() => Rows(cut).Count == 3, LoadTimeout);

        Chip(cut, "Orders").Click();
        cut.WaitForState(() => Rows(cut).Count == 1, LoadTimeout);
        Assert.Equal(["order"], Kinds(cut));

        Chip(cut, "Events").Click();
        cut.WaitForState(() => Rows(cut).Count == 2, LoadTimeout);
        Assert.Equal(["event", "event"], Kinds(cut));
        Assert.Equal("2 entries", cut.Find("[data-testid=timeline-count]").TextContent);
    }

    [Fact]
    public async Task Render_SaysSo_WhenTheCustomerHasNoHistory()
    {
        SignInAs(Roles.CrmStaff);
        var shop = new HistoryShop(UseDatabase(Now));
        var ann = await shop.CustomerAsync("C-1");

        var cut = Render<CustomerTimeline>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForState(() => cut.Markup.Contains("No orders or behaviour events yet.", StringComparison.Ordinal), LoadTimeout);

        Assert.Empty(Rows(cut));
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<CustomerTimeline> cut) =>
        cut.FindAll("tbody tr.mud-table-row");

    private static List<string?> Kinds(IRenderedComponent<CustomerTimeline> cut) =>
        [.. Rows(cut).Select(r => r.QuerySelector("[data-kind]")?.GetAttribute("data-kind"))];

    private static AngleSharp.Dom.IElement Chip(IRenderedComponent<CustomerTimeline> cut, string text) =>
        cut.FindAll("[data-testid=timeline-filter] .mud-chip").Single(c => c.TextContent.Contains(text, StringComparison.Ordinal));
}
