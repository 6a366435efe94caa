using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Profiles;

public sealed class ProfileBuilderTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task BuildAsync_ComputesRecencyFrequencyAndNetMonetary_FromOrdersAndReturns()
    {
        var today = TestShop.Today;
        var book = TestShop.Product("B1", "Books", 12.50m);
        var spade = TestShop.Product("G1", "Garden", 30m);
        var alice = TestShop.Customer("alice");
        var bob = TestShop.Customer("bob");
        var carol = TestShop.Customer("carol");
        await TestShop.SaveAsync(_db,
            TestShop.Purchase("1", alice, today.AddDays(-40), (book, 2)),            // 25.00
            TestShop.Purchase("2", alice, today.AddDays(-3).AddHours(10), (spade, 1), (book, 1)), // 42.50
            TestShop.Return("R2", alice, today.AddDays(-1), (book, 1)),              // -12.50
            TestShop.Purchase("3", bob, today.AddDays(-100), (spade, 3)),            // 90.00
            TestShop.Purchase("4", null, today.AddHours(9), (book, 1)),              // anonymous, newest order
            carol);

        var result = await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();

        await using var db = _db.CreateDbContext();
        var profiles = await db.Profiles.ToDictionaryAsync(p => p.CustomerId);
        var a = profiles[alice.Id];
        var b = profiles[bob.Id];
        var c = profiles[carol.Id];
        // Reference date is the day after the newest order (today 09:00) = today + 1.
        Assert.Equal(today.AddDays(1), result.ReferenceDate);
        Assert.Equal((3, 2, 55.0), (a.RecencyDays!.Value, a.Frequency, a.Monetary));
        Assert.Equal((101, 1, 90.0), (b.RecencyDays!.Value, b.Frequency, b.Monetary));
        Assert.Equal((today.AddDays(-40), today.AddDays(-3).AddHours(10)), (a.FirstPurchaseAt!.Value, a.LastPurchaseAt!.Value));
        Assert.Equal("Books", a.TopCategory);
        Assert.Equal("Garden", b.TopCategory);
        // Alice: first purchase 41 days before the reference date; (25 + 42.50) / 2 per order; 12.50 of 67.50 returned;
        // 3 books and 1 spade bought; one order at 00:00 and one at 10:00 (a tie: the earliest hour wins).
        Assert.Equal((41, 33.75, 2, 2), (a.TenureDays!.Value, a.AverageOrderValue!.Value, a.DistinctProducts, a.OrdersLast90Days));
        Assert.Equal(12.5 / 67.5, a.ReturnRate!.Value, 10);
        Assert.Equal([("Books", 0.75), ("Garden", 0.25)], a.TopCategories.Select(t => (t.Category, t.Share)));
        Assert.Equal(0, a.PreferredHour);
        Assert.Equal(new[] { today.AddDays(-40).DayOfWeek, today.AddDays(-3).DayOfWeek }.Min(), a.PreferredWeekday);
        Assert.Empty(c.TopCategories);
        Assert.Null(c.AverageOrderValue);
        Assert.Equal(RfmScoring.Prospect, c.Segment);
        Assert.Null(c.RecencyDays);
        Assert.Equal(3, result.Customers);
        Assert.Equal(2, result.Buyers);
    }

    [Fact]
    public async Task BuildAsync_AssignsSegmentsAndRefreshesSegmentTable()
    {
        var today = TestShop.Today;
        var p = TestShop.Product("P1", "Books");
        var customers = Enumerable.Range(1, 5).Select(i => TestShop.Customer($"c{i}")).ToList();
        // c1 bought 5 times recently ... c5 once long ago: quintiles 5..1 on both R and F.
        var orders = customers.SelectMany((c, i) => Enumerable.Range(0, 5 - i)
            .Select(k => TestShop.Purchase($"{i}-{k}", c, today.AddDays(-(i * 30) - k), (p, 1)))).ToList();
        await TestShop.SaveAsync(_db, [.. orders]);

        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();
        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();

        await using var db = _db.CreateDbContext();
        var segments = await db.Profiles.OrderBy(x => x.CustomerId).Select(x => x.Segment).ToListAsync();
        Assert.Equal(["Champions", "Loyal", "Need Attention", "Hibernating", "Lost"], segments);
        var table = await db.Segments.ToDictionaryAsync(s => s.Name);
        Assert.Equal(12, table.Count);
        Assert.Equal(1, table["Champions"].CustomerCount);
        Assert.Equal(50.0, table["Champions"].Revenue);
        Assert.Equal(0, table["At Risk"].CustomerCount);
    }
}
