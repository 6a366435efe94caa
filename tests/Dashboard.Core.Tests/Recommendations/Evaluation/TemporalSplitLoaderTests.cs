using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Recommendations.Evaluation;

/// <summary>The split on a small shop saved to SQLite; the cut-off is 2026-06-01 and the held-out window 30 days.</summary>
public sealed class TemporalSplitLoaderTests : IDisposable
{
    private static readonly DateTime Cutoff = At(6, 1);

    private readonly SqliteTestDatabase _db = new();
    private readonly Product _p1 = TestShop.Product("P1", "Books");
    private readonly Product _p2 = TestShop.Product("P2", "Books");
    private readonly Product _p3 = TestShop.Product("P3", "Toys");
    private readonly Product _fresh = TestShop.Product("NEW", "Toys"); // first sold after the cut-off

    /// <summary>Two orders before, two after: only the first after is the target.</summary>
    private readonly Customer _ann = TestShop.Customer("ann");

    /// <summary>Before, then only a return after: not a test customer.</summary>
    private readonly Customer _ben = TestShop.Customer("ben");

    /// <summary>Buys only after the cut-off: no history, so neither trained on nor tested.</summary>
    private readonly Customer _cat = TestShop.Customer("cat");

    /// <summary>Before, then again only after the 30-day window.</summary>
    private readonly Customer _dan = TestShop.Customer("dan");

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task LoadAsync_TrainsOnKnownCustomersBeforeTheCutoff_AndTargetsTheFirstOrderAfterIt()
    {
        await SaveShopAsync();

        var split = await new TemporalSplitLoader(new PurchaseSequences(_db)).LoadAsync(Cutoff, heldOutDays: 30);

        // Training: Ann, Ben and Dan; catalogue P1, P2, P3 (NEW is sold only after the cut-off, the anonymous order is not a history).
        var training = split.Training;
        Assert.Equal(Cutoff, training.Cutoff);
        Assert.Equal([_p1.Id, _p2.Id, _p3.Id], training.Items.ProductIds);
        Assert.Equal([_ann.Id, _ben.Id, _dan.Id], training.Histories.Select(h => h.CustomerId));
        var ann = training.Histories[0].Interactions;
        Assert.Equal([Index(_p1), Index(_p2), Index(_p1)], ann.Select(i => i.Item));
        Assert.Equal([0, 0, 1], ann.Select(i => i.Basket));
        Assert.Equal(At(5, 20), ann[2].At);

        // Test: only Ann. Her first order after the cut-off holds P1 (bought before: repeat), P3 (new to her) and NEW (outside the catalogue).
        var test = Assert.Single(split.TestCustomers);
        Assert.Same(training.Histories[0], test.History);
        Assert.Equal<int>([Index(_p1), Index(_p3)], test.Targets);
        Assert.Equal(1, test.TargetsOutsideCatalogue);
        Assert.Equal<int>([Index(_p1)], test.RepeatTargets);
        Assert.Equal<int>([Index(_p3)], test.NewTargets);
        Assert.Equal(2, test.NewTargetCount);

        Assert.Equal(
            new SplitDescription(Cutoff, At(7, 1), TrainCustomers: 3, TrainItems: 3, TrainInteractions: 6, TrainBaskets: 4, TestCustomers: 1,
                TestCustomersWithCatalogueTargets: 1, Targets: 3, TargetsOutsideCatalogue: 1, RepeatCustomers: 1, NewCustomers: 1),
            split.Description);
    }

    [Fact]
    public async Task LoadAsync_TestsACustomer_WhenTheWindowReachesTheirNextOrder()
    {
        await SaveShopAsync();

        var split = await new TemporalSplitLoader(new PurchaseSequences(_db)).LoadAsync(Cutoff, heldOutDays: 40);

        Assert.Equal([_ann.Id, _dan.Id], split.TestCustomers.Select(c => c.History.CustomerId));
    }

    [Fact]
    public async Task LoadAsync_HoldsOutTheLastDaysOfData_ByDefault()
    {
        await SaveShopAsync();

        // The newest purchase is Dan's on 07-05: the last 40 days are [05-27, 07-06).
        var split = await new TemporalSplitLoader(new PurchaseSequences(_db)).LoadAsync(heldOutDays: 40);

        Assert.Equal(At(5, 27), split.Description.Cutoff);
        Assert.Equal(At(7, 6), split.Description.HeldOutUntil);
    }

    [Fact]
    public async Task LoadAsync_Refuses_WhenNobodyBoughtAgain()
    {
        await TestShop.SaveAsync(_db, _p1, _ann, TestShop.Purchase("O1", _ann, At(5, 1), (_p1, 1)), TestShop.Purchase("O2", null, At(6, 5), (_p1, 1)));

        var error = await Assert.ThrowsAsync<NotEnoughHistoryException>(() => new TemporalSplitLoader(new PurchaseSequences(_db)).LoadAsync(Cutoff, 30));

        Assert.Contains("nothing to evaluate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_DefaultsToTheLast60Days_OrRunsFromTheCutoffToTheNewestPurchase()
    {
        var newest = new DateTime(2026, 6, 10, 15, 30, 0, DateTimeKind.Utc);

        // Whole days up to and including the newest purchase's day: 06-11 − 60 days = 04-12.
        Assert.Equal((At(4, 12), 60), TemporalSplitLoader.Window(null, null, newest));
        Assert.Equal((At(6, 4), 7), TemporalSplitLoader.Window(null, 7, newest));
        // From 06-01 the newest purchase is 9.6 days on: 10 days hold it.
        Assert.Equal((Cutoff, 10), TemporalSplitLoader.Window(Cutoff, null, newest));
        Assert.Equal((Cutoff, 5), TemporalSplitLoader.Window(Cutoff, 5, newest));
        Assert.Throws<ArgumentException>(() => TemporalSplitLoader.Window(At(6, 11), null, newest));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemporalSplitLoader.Window(Cutoff, 0, newest));
    }

    private static DateTime At(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);

    private int Index(Product product) => product.Id - _p1.Id;

    private async Task SaveShopAsync()
    {
        var noon = TimeSpan.FromHours(12);
        object[] entities =
        [
            _p1, _p2, _p3, _fresh, _ann, _ben, _cat, _dan,
            TestShop.Purchase("A1", _ann, At(5, 1) + noon, (_p1, 1), (_p2, 2)),
            TestShop.Purchase("A2", _ann, At(5, 20), (_p1, 1)),
            TestShop.Purchase("A3", _ann, At(6, 5) + noon, (_p1, 1), (_fresh, 1), (_p3, 1), (_p1, 1)), // P1 twice: one target
            TestShop.Purchase("A4", _ann, At(6, 10) + noon, (_p2, 1)),
            TestShop.Purchase("B1", _ben, At(5, 15) + noon, (_p3, 1)),
            TestShop.Return("BR", _ben, At(6, 2) + noon, (_p3, 1)),
            TestShop.Purchase("C1", _cat, At(6, 3) + noon, (_p1, 1)),
            TestShop.Purchase("D1", _dan, At(4, 1) + noon, (_p2, 1), (_p2, 1)),
            TestShop.Purchase("D2", _dan, At(7, 5) + noon, (_p1, 1)),
            TestShop.Purchase("X1", null, At(5, 30) + noon, (_fresh, 1)),
        ];
        // Saved one by one, so that ids follow the order above (P1, P2, P3, NEW; Ann, Ben, Cat, Dan).
        await using var context = _db.CreateDbContext();
        foreach (var entity in entities)
        {
            context.Add(entity);
            await context.SaveChangesAsync();
        }
    }

    [Theory]
    [InlineData(60, 30)]
    [InlineData(20, 20)]
    public async Task LoadForTrainingAsync_HoldsOutAtMostTheLastThirdOfTheHistory(int maxHeldOutDays, int expected)
    {
        await Dashboard.Core.Tests.Recommendations.Registry.RegistryTestShop.SeedAsync(_db);

        var split = await new TemporalSplitLoader(new PurchaseSequences(_db)).LoadForTrainingAsync(maxHeldOutDays);

        // The demo shop spans 90 days: a third is 30.
        Assert.Equal(expected, (split.Description.HeldOutUntil - split.Description.Cutoff).TotalDays);
    }
}
