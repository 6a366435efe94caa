using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Recommendations;

public sealed class PopularityTrainerTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task TrainAsync_RanksActiveProductsByOrders_InTheLast30DaysOfData_AnonymousIncluded()
    {
        var today = TestShop.Today;
        var ann = TestShop.Customer("ann");
        var (b1, b2, g1) = (TestShop.Product("B1", "Books"), TestShop.Product("B2", "Books"), TestShop.Product("G1", "Garden"));
        var old = TestShop.Product("B0", "Books");
        old.IsActive = false;
        await TestShop.SaveAsync(_db, ann, b1, b2, g1, old,
            TestShop.Purchase("1", ann, today.AddDays(-40), (b2, 9), (g1, 1)),  // before the window
            TestShop.Purchase("2", ann, today.AddDays(-20), (b2, 1), (old, 1)),
            TestShop.Purchase("3", null, today.AddDays(-10), (g1, 1), (old, 1)),
            TestShop.Purchase("4", null, today.AddDays(-1), (g1, 5), (b1, 1)),
            TestShop.Return("R", ann, today, (b2, 1)));

        var version = await new PopularityTrainer(_db, new PurchaseSequences(_db), TimeProvider.System).TrainAsync();

        var model = PopularityModel.FromBytes(version!.Artifact!);
        Assert.Equal((today.AddDays(-31), today.AddDays(-1)), (model.WindowStart, model.WindowEnd));
        // Orders in the window: G1 2 (3, 4), then B1 and B2 1 each by id; B0 is inactive, the return is no sale.
        Assert.Equal([new(g1.Id, 2), new(b1.Id, 1), new(b2.Id, 1)], model.Global);
        Assert.Equal([new(b1.Id, 1), new(b2.Id, 1)], model.ByCategory["Books"]);
        Assert.True(version.IsChampion);
    }
}
