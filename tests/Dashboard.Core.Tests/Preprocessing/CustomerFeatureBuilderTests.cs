using Dashboard.Core.Preprocessing;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Preprocessing;

public sealed class CustomerFeatureBuilderTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly PreprocessingShop _shop = new();
    private readonly CustomerFeatureBuilder _builder;

    public CustomerFeatureBuilderTests() => _builder = new CustomerFeatureBuilder(_db);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task BuildAsync_ComputesEveryFeature_FromOrdersBeforeTheCutoff()
    {
        await _shop.SaveAsync(_db);

        var alice = await FeaturesAsync(_shop.Alice.Id);

        // A1 Mon 03-02 10:15 (B1x2, G1) 50, A2 Mon 04-27 10:40 (B2, T1x2) 30, A3 Wed 05-20 18:05 (B1) 10, return AR 10.
        // A4 and A5 come after the cut-off and must not count.
        Assert.False(alice.IsErased);
        Assert.Equal(PreprocessingShop.Cutoff, alice.Cutoff);
        Assert.Equal(3, alice.Frequency);
        Assert.Equal(90m, alice.PurchaseRevenue);
        Assert.Equal(10m, alice.ReturnAmount);
        Assert.Equal(80m, alice.Monetary);
        Assert.Equal(30m, alice.AverageOrderValue);
        Assert.Equal(10.0 / 90, alice.ReturnRate!.Value, precision: 12);
        Assert.Equal(PreprocessingShop.At(3, 2, 10, 15), alice.FirstPurchaseAt);
        Assert.Equal(PreprocessingShop.At(5, 20, 18, 5), alice.LastPurchaseAt);
        Assert.Equal(11, alice.RecencyDays);   // 05-20 18:05 -> 06-01 00:00 is 11 days 5:55
        Assert.Equal(90, alice.TenureDays);    // 03-02 10:15 -> 06-01 00:00 is 90 days 13:45
        Assert.Equal(1, alice.OrdersLast30Days);  // from 05-02: A3
        Assert.Equal(2, alice.OrdersLast90Days);  // from 03-03: A2, A3 (A1 is 14 hours too early)
        Assert.Equal(4, alice.DistinctProducts);
        // Quantities: Books 2 + 1 + 1 = 4, Toys 2, Garden 1, of 7 units.
        Assert.Equal(["Books", "Toys", "Garden"], alice.TopCategories.Select(c => c.Category));
        Assert.Equal([4.0 / 7, 2.0 / 7, 1.0 / 7], alice.TopCategories.Select(c => c.Share));
        Assert.Equal("Books", alice.TopCategory);
        Assert.Equal(DayOfWeek.Monday, alice.PreferredWeekday);
        Assert.Equal(10, alice.PreferredHour);
    }

    [Fact]
    public async Task BuildAsync_BreaksTiesByLowestWeekdayHourAndCategoryName()
    {
        await _shop.SaveAsync(_db);

        var bob = await FeaturesAsync(_shop.Bob.Id);

        // BO1 Sun 05-03 09:00 (G1) 30, BO2 Sat 05-09 14:30 (T1) 5; his return comes after the cut-off.
        Assert.Equal((2, 35m, 0m, 17.5m, 0.0), (bob.Frequency, bob.PurchaseRevenue, bob.ReturnAmount, bob.AverageOrderValue!.Value, bob.ReturnRate!.Value));
        Assert.Equal((22, 28), (bob.RecencyDays!.Value, bob.TenureDays!.Value));
        Assert.Equal((2, 2, 2), (bob.OrdersLast30Days, bob.OrdersLast90Days, bob.DistinctProducts));
        Assert.Equal([new CategoryShare("Garden", 0.5), new CategoryShare("Toys", 0.5)], bob.TopCategories);
        Assert.Equal(DayOfWeek.Sunday, bob.PreferredWeekday);
        Assert.Equal(9, bob.PreferredHour);
    }

    [Fact]
    public async Task BuildAsync_ListsEveryCustomer_WithNullsForThoseWhoNeverPurchased()
    {
        await _shop.SaveAsync(_db);

        var features = await _builder.BuildAsync(PreprocessingShop.Cutoff);

        Assert.Equal([_shop.Alice.Id, _shop.Bob.Id, _shop.Carol.Id, _shop.Dave.Id, _shop.Erin.Id], features.Select(f => f.CustomerId));
        // Carol's first purchase is placed exactly at the cut-off: not before it.
        var carol = features[2];
        Assert.False(carol.HasPurchased);
        Assert.Equal((0, 0m, 0m, 0, 0), (carol.Frequency, carol.PurchaseRevenue, carol.ReturnAmount, carol.DistinctProducts, carol.OrdersLast90Days));
        Assert.Null(carol.RecencyDays);
        Assert.Null(carol.TenureDays);
        Assert.Null(carol.AverageOrderValue);
        Assert.Null(carol.ReturnRate);
        Assert.Null(carol.FirstPurchaseAt);
        Assert.Null(carol.PreferredWeekday);
        Assert.Null(carol.PreferredHour);
        Assert.Null(carol.TopCategory);
        Assert.Empty(carol.TopCategories);
        // Erin only returned something: negative net value, no return rate without purchases.
        var erin = features[4];
        Assert.Equal((false, 5m, -5m), (erin.HasPurchased, erin.ReturnAmount, erin.Monetary));
        Assert.Null(erin.ReturnRate);
    }

    [Fact]
    public async Task BuildAsync_KeepsErasedCustomersFlagged_AndNeverCountsAnonymousOrders()
    {
        await _shop.SaveAsync(_db);

        var features = await _builder.BuildAsync(PreprocessingShop.Cutoff);

        var dave = Assert.Single(features, f => f.IsErased);
        Assert.Equal(_shop.Dave.Id, dave.CustomerId);
        Assert.Equal((1, 30m, DayOfWeek.Wednesday, 12), (dave.Frequency, dave.PurchaseRevenue, dave.PreferredWeekday!.Value, dave.PreferredHour!.Value));
        Assert.Equal([new CategoryShare("Garden", 1.0)], dave.TopCategories);
        // Purchases before the cut-off: 90 + 35 + 30 from customers, 50 more from the anonymous X1, which counts nowhere.
        Assert.Equal(155m, features.Sum(f => f.PurchaseRevenue));
        Assert.Equal(6, features.Sum(f => f.Frequency));
    }

    [Fact]
    public async Task BuildAsync_MovesWithTheCutoff()
    {
        await _shop.SaveAsync(_db);

        var early = await _builder.BuildAsync(PreprocessingShop.At(5, 1, 0, 0));
        var late = await _builder.BuildAsync(PreprocessingShop.At(7, 2, 0, 0));

        var alice = early.Single(f => f.CustomerId == _shop.Alice.Id);
        Assert.Equal((2, 80m, 0m, 3), (alice.Frequency, alice.PurchaseRevenue, alice.ReturnAmount, alice.RecencyDays!.Value));
        Assert.False(early.Single(f => f.CustomerId == _shop.Bob.Id).HasPurchased);
        var aliceLate = late.Single(f => f.CustomerId == _shop.Alice.Id);
        Assert.Equal((5, 125m, 1), (aliceLate.Frequency, aliceLate.PurchaseRevenue, aliceLate.RecencyDays!.Value));
        Assert.Equal((2, 50m), (late.Single(f => f.CustomerId == _shop.Carol.Id).Frequency, late.Single(f => f.CustomerId == _shop.Carol.Id).PurchaseRevenue));
    }

    [Fact]
    public async Task LabelsAsync_SumsPurchasesInTheHalfOpenWindow_AfterTheCutoff()
    {
        await _shop.SaveAsync(_db);

        var month = await _builder.LabelsAsync(PreprocessingShop.Cutoff, 30);
        var week = await _builder.LabelsAsync(PreprocessingShop.Cutoff, 7);

        // [06-01, 07-01): Alice A4 (A5 at 07-01 00:00 is outside), Carol C0 at the cut-off and C1, Bob only a return.
        Assert.Equal(5, month.Count);
        Assert.Equal(new PurchaseLabel(1, 30m, 0m), month[_shop.Alice.Id]);
        Assert.Equal(new PurchaseLabel(2, 50m, 0m), month[_shop.Carol.Id]);
        Assert.Equal(new PurchaseLabel(0, 0m, 5m), month[_shop.Bob.Id]);
        Assert.False(month[_shop.Bob.Id].Purchased);
        Assert.Equal(-5m, month[_shop.Bob.Id].NetRevenue);
        Assert.Equal(PurchaseLabel.None, month[_shop.Dave.Id]);
        Assert.Equal(PurchaseLabel.None, month[_shop.Erin.Id]);
        // [06-01, 06-08): C1 on 06-10 falls out.
        Assert.Equal(new PurchaseLabel(1, 10m, 0m), week[_shop.Carol.Id]);
        Assert.True(week[_shop.Alice.Id].Purchased);
    }

    [Fact]
    public async Task LatestCutoffAsync_IsTheDayAfterTheNewestOrder_OrNullWithoutOrders()
    {
        Assert.Null(await _builder.LatestCutoffAsync());

        await _shop.SaveAsync(_db);

        Assert.Equal(PreprocessingShop.At(7, 2, 0, 0), await _builder.LatestCutoffAsync());
    }

    [Theory]
    [InlineData("1900-03-01T06:00:00")] // 1900 is not a leap year
    [InlineData("2000-02-29T23:59:00")] // 2000 is
    [InlineData("2000-03-01T00:00:00")]
    [InlineData("2023-01-01T13:30:00")]
    [InlineData("2024-12-31T19:00:00")]
    [InlineData("2026-06-30T08:00:00")]
    [InlineData("2100-03-01T21:00:00")]
    public async Task BuildAsync_PreferredWeekdayAndHour_MatchDotNet(string placedAt)
    {
        var at = DateTime.SpecifyKind(DateTime.Parse(placedAt, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var customer = TestShop.Customer("c");
        await TestShop.SaveAsync(_db, TestShop.Purchase("1", customer, at, (TestShop.Product("P", "Any"), 1)));

        var features = Assert.Single(await _builder.BuildAsync(new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc)));

        Assert.Equal(at.DayOfWeek, features.PreferredWeekday);
        Assert.Equal(at.Hour, features.PreferredHour);
    }

    private async Task<CustomerFeatures> FeaturesAsync(int customerId) =>
        (await _builder.BuildAsync(PreprocessingShop.Cutoff)).Single(f => f.CustomerId == customerId);
}
