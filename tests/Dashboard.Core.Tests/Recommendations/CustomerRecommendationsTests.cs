using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Recommendations;

public sealed class CustomerRecommendationsTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly CustomerRecommendations _recommendations;

    public CustomerRecommendationsTests() => _recommendations = new CustomerRecommendations(_db, new RecommendationService(_db, new PurchaseSequences(_db)));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ForExternalId_ReturnsProductsBySku_WhenCustomerAndModelExist()
    {
        var ann = TestShop.Customer("C-1");
        var (b1, b2, g1) = (TestShop.Product("B1", "Books"), TestShop.Product("B2", "Books"), TestShop.Product("G1", "Garden"));
        await TestShop.SaveAsync(_db, ann, b1, b2, g1,
            TestShop.Purchase("1", ann, TestShop.Today.AddDays(-60), (b1, 1)),
            TestShop.Purchase("2", null, TestShop.Today.AddDays(-2), (b2, 1), (g1, 1)),
            TestShop.Purchase("3", null, TestShop.Today.AddDays(-1), (b2, 1)));
        await new PopularityTrainer(_db, new PurchaseSequences(_db), TimeProvider.System).TrainAsync();

        var result = await _recommendations.ForExternalIdAsync("C-1", count: 2);

        Assert.Equal(RecommendationOutcome.Found, result.Outcome);
        // B1 sold only outside the model's 30-day window: Ann's favourite category gives B2, the best-sellers fill up.
        Assert.Equal(["B2", "G1"], result.Products.Select(p => p.Sku));
        Assert.Equal("Product B2", result.Products[0].Name);
        Assert.All(result.Products, p => Assert.False(string.IsNullOrEmpty(p.Reason)));
    }

    [Fact]
    public async Task ForExternalId_ReportsUnknownCustomer_WhenCustomerIsErasedOrMissing()
    {
        var erased = TestShop.Customer("C-9");
        erased.ErasedAt = TestShop.Today;
        await TestShop.SaveAsync(_db, erased);

        Assert.Equal(RecommendationOutcome.UnknownCustomer, (await _recommendations.ForExternalIdAsync("C-9", 5)).Outcome);
        Assert.Equal(RecommendationOutcome.UnknownCustomer, (await _recommendations.ForExternalIdAsync("nobody", 5)).Outcome);
    }

    [Fact]
    public async Task ForExternalId_ReportsNoModel_WhenPipelineHasNotTrained()
    {
        await TestShop.SaveAsync(_db, TestShop.Customer("C-1"));

        Assert.Equal(RecommendationOutcome.NoModel, (await _recommendations.ForExternalIdAsync("C-1", 5)).Outcome);
    }
}
