using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Customers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Customers;

/// <summary>The timeline query on a real SQLite file, and its translation for SQL Server.</summary>
public sealed class CustomerTimelineServiceTests : IDisposable
{
    private static readonly DateTime Start = HistoryShop.Start;
    private readonly SqliteTestDatabase _db = new();
    private readonly HistoryShop _shop;
    private readonly CustomerTimelineService _timeline;

    public CustomerTimelineServiceTests()
    {
        _shop = new HistoryShop(_db);
        _timeline = new CustomerTimelineService(_db);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task PageAsync_MergesOrdersAndEventsNewestFirst_WithTheirDetails()
    {
        var ann = await _shop.CustomerAsync("C-1");
        var bob = await _shop.CustomerAsync("C-2");
        var (mug, pan) = (await _shop.ProductAsync("Mug", price: 4.5m), await _shop.ProductAsync("Pan", price: 20m));
        var spring = await _shop.CampaignAsync("Spring sale");
        await _shop.EventAsync(ann, Start, EventType.EmailOpen, campaign: spring);
        await _shop.EventAsync(ann, Start.AddHours(1), EventType.View, mug);
        var purchase = await _shop.OrderAsync(ann, Start.AddHours(2), OrderKind.Purchase, (mug, 2), (pan, 1));
        await _shop.EventAsync(ann, Start.AddHours(2), EventType.Purchase, mug, order: purchase);
        await _shop.OrderAsync(ann, Start.AddDays(3), OrderKind.Return, (mug, 1));
        await _shop.EventAsync(bob, Start.AddDays(4), EventType.View, pan);

        var page = await _timeline.PageAsync(ann.Id, TimelineFilter.All, page: 0);

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(
            [Start.AddDays(3), Start.AddHours(2), Start.AddHours(2), Start.AddHours(1), Start],
            page.Entries.Select(e => e.At));
        Assert.Equal(new TimelineOrder(page.Entries[0].Order!.Id, "C000002", OrderKind.Return, 1, 4.5m), page.Entries[0].Order);
        // At the same instant the order comes before the purchase event it caused.
        Assert.Equal(("000001", OrderKind.Purchase, 2, 29.0m), (page.Entries[1].Order!.InvoiceNo, page.Entries[1].Order!.Kind, page.Entries[1].Order!.Lines, page.Entries[1].Order!.Total));
        Assert.Equal((EventType.Purchase, "Mug"), (page.Entries[2].Event!.Type, page.Entries[2].Event!.Product));
        Assert.Equal((EventType.View, "Mug", (string?)null), (page.Entries[3].Event!.Type, page.Entries[3].Event!.Product, page.Entries[3].Event!.Campaign));
        Assert.Equal((EventType.EmailOpen, (string?)null, "Spring sale"), (page.Entries[4].Event!.Type, page.Entries[4].Event!.Product, page.Entries[4].Event!.Campaign));
        Assert.All(page.Entries, e => Assert.True(e.Order is null ^ e.Event is null));
    }

    [Fact]
    public async Task PageAsync_ReturnsTheLastFive_OnPageTwoOfTwentyFive()
    {
        var ann = await _shop.CustomerAsync("C-1");
        var mug = await _shop.ProductAsync("Mug");
        // 15 events on the even hours, 10 orders on the odd ones: 25 entries that interleave.
        await _shop.AddRangeAsync(Enumerable.Range(0, 15).Select(i => Event(ann.Id, Start.AddHours(2 * i), mug.Id)));
        await _shop.AddRangeAsync(Enumerable.Range(0, 10).Select(i => Order(ann.Id, $"I-{i:D2}", Start.AddHours(2 * i + 1))));

        var first = await _timeline.PageAsync(ann.Id, TimelineFilter.All, page: 0);
        var second = await _timeline.PageAsync(ann.Id, TimelineFilter.All, page: 1);

        Assert.Equal((25, 25), (first.TotalCount, second.TotalCount));
        Assert.Equal(20, first.Entries.Count);
        Assert.Equal(
            [(Start.AddHours(4), false), (Start.AddHours(3), true), (Start.AddHours(2), false), (Start.AddHours(1), true), (Start, false)],
            second.Entries.Select(e => (e.At, e.Order is not null)));
        Assert.Equal(["I-01", "I-00"], second.Entries.Select(e => e.Order?.InvoiceNo).OfType<string>());
        // Five events after the last order, then the two kinds alternate.
        Assert.Equal(Start.AddHours(28), first.Entries[0].At);
        Assert.Equal("I-09", first.Entries[5].Order?.InvoiceNo);
    }

    [Fact]
    public async Task PageAsync_PagesLikeSortingEverythingInMemory_WhenOneKindDominates()
    {
        var ann = await _shop.CustomerAsync("C-1");
        var mug = await _shop.ProductAsync("Mug");
        // 3 orders among 40 events, several at the very same instant, so deep pages draw almost only on events.
        var eventTimes = Enumerable.Range(0, 40).Select(i => Start.AddMinutes(10 * (i / 2))).ToList();
        var orderTimes = new[] { Start.AddMinutes(30), Start.AddMinutes(100), Start.AddMinutes(190) };
        await _shop.AddRangeAsync(eventTimes.Select(t => Event(ann.Id, t, mug.Id)));
        await _shop.AddRangeAsync(orderTimes.Select((t, i) => Order(ann.Id, $"I-{i}", t)));
        var expected = eventTimes.Select(t => (At: t, IsOrder: false)).Concat(orderTimes.Select(t => (At: t, IsOrder: true)))
            .OrderByDescending(x => x.At).ThenByDescending(x => x.IsOrder).ToList();

        var pages = new List<TimelineEntry>();
        for (var page = 0; page < 7; page++)
        {
            pages.AddRange((await _timeline.PageAsync(ann.Id, TimelineFilter.All, page, pageSize: 7)).Entries);
        }

        Assert.Equal(expected, pages.Select(e => (e.At, e.Order is not null)));
        Assert.Equal(43, pages.Select(e => e.Order?.Id ?? -e.Event!.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(TimelineFilter.Orders, 2)]
    [InlineData(TimelineFilter.Events, 3)]
    [InlineData(TimelineFilter.All, 5)]
    public async Task PageAsync_KeepsOnlyTheChosenKind(TimelineFilter filter, int count)
    {
        var ann = await _shop.CustomerAsync("C-1");
        var mug = await _shop.ProductAsync("Mug");
        await _shop.AddRangeAsync(Enumerable.Range(0, 3).Select(i => Event(ann.Id, Start.AddHours(i), mug.Id)));
        await _shop.AddRangeAsync(Enumerable.Range(0, 2).Select(i => Order(ann.Id, $"I-{i}", Start.AddHours(i))));

        var page = await _timeline.PageAsync(ann.Id, filter, page: 0);

        Assert.Equal((count, count), (page.TotalCount, page.Entries.Count));
        Assert.All(page.Entries, e => Assert.True(filter switch
        {
            TimelineFilter.Orders => e.Order is not null,
            TimelineFilter.Events => e.Event is not null,
            _ => true,
        }));
    }

    [Fact]
    public async Task PageAsync_IsEmpty_ForACustomerWithoutHistory()
    {
        var ann = await _shop.CustomerAsync("C-1");

        var page = await _timeline.PageAsync(ann.Id, TimelineFilter.All, page: 0);

        Assert.Equal((0, 0), (page.TotalCount, page.Entries.Count));
    }

    [Fact]
    public void Queries_TranslateOnSqlServer_WithTheMergeAndPagingInSql()
    {
        using var db = new SqlServerDashboardDbContext(new DbContextOptionsBuilder<SqlServerDashboardDbContext>()
            .UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=true").Options);

        var sql = CustomerTimelineService.Queries(db).Select(q => q.ToQueryString()).ToList();

        Assert.Equal(5, sql.Count);
        Assert.Contains("UNION ALL", sql[0], StringComparison.Ordinal);
        Assert.Contains("OFFSET", sql[0], StringComparison.Ordinal);
        Assert.Contains("FETCH NEXT", sql[0], StringComparison.Ordinal);
        Assert.DoesNotContain("UNION", sql[1], StringComparison.Ordinal);
    }

    private static BehaviorEvent Event(int customerId, DateTime at, int productId) =>
        new() { CustomerId = customerId, SessionId = "s-1", Type = EventType.View, OccurredAt = at, ProductId = productId };

    private static Order Order(int customerId, string invoice, DateTime at) =>
        new() { InvoiceNo = invoice, CustomerId = customerId, PlacedAt = at, Country = "United Kingdom", Total = 10m };
}
