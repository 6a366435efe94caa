using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Recommendations.Serving;

/// <summary>Each serving rule on <see cref="ServingTestShop"/>, served from a fitted popularity champion.</summary>
public sealed class RecommendationServingTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AKnownCustomer_GetsActiveItems_NotReturnedOrJustBought_WithReasonsFromTheirHistory()
    {
        await ServingTestShop.SeedAsync(_db);
        var championId = await ServingTestShop.PromoteChampionAsync(_db, new PopularityRecommender());

        var result = await ServingTestShop.Serving(_db).ForExternalIdAsync("ANN", count: 20);

        Assert.True(result.Found);
        Assert.Equal((championId, "popularity", (string?)null), (result.ModelVersion, result.Family, result.Fallback));
        var skus = result.Items.Select(i => i.Sku).ToList();
        Assert.Equal(["A2", "G1", "A3", "A5"], skus.Take(4));
        Assert.Equal(["A1", "G2", "K1"], skus.Skip(4).Order());
        var reasons = result.Items.ToDictionary(i => i.Sku, i => i.Reason);
        Assert.Equal("popular in your favourite category", reasons["A2"]);
        Assert.Equal("bought with Product G2", reasons["G1"]);
        Assert.Equal("you buy this regularly (bought 2 times)", reasons["A1"]);
        Assert.Equal("you bought this before", reasons["G2"]);
        Assert.Equal("recommended for you", reasons["K1"]);
    }

    [Fact]
    public async Task Diversity_KeepsAtMostThreePerCategory_WalkingDownTheRanking()
    {
        await ServingTestShop.SeedAsync(_db);
        await ServingTestShop.PromoteChampionAsync(_db, new PopularityRecommender());

        var result = await ServingTestShop.Serving(_db).ForExternalIdAsync("ANN", count: 20, diverse: true);

        Assert.Equal(["A2", "A3", "A5"], result.Items.Where(i => i.Category == "Books").Select(i => i.Sku));
        Assert.DoesNotContain(result.Items, i => i.Sku == "A1");
    }

    [Fact]
    public async Task TheRepeatFamily_OffersRecentPurchasesAgain()
    {
        await ServingTestShop.SeedAsync(_db);
        await ServingTestShop.PromoteChampionAsync(_db, new RepeatRecommender());

        var result = await ServingTestShop.Serving(_db).ForExternalIdAsync("ANN", count: 20);

        Assert.Equal("repeat", result.Family);
        Assert.Contains(result.Items, i => i.Sku == "A4");
        Assert.DoesNotContain(result.Items, i => i.Sku is "RET" or "OLD");
    }

    [Fact]
    public async Task ACustomerWithoutPurchases_GetsTheBestSellers_InARequestedCategory()
    {
        await ServingTestShop.SeedAsync(_db);
        await ServingTestShop.PromoteChampionAsync(_db, new PopularityRecommender());
        var serving = ServingTestShop.Serving(_db);

        var any = await serving.ForExternalIdAsync("BOB", count: 3);
        var garden = await serving.ForExternalIdAsync("BOB", count: 10, category: "garden");

        Assert.Equal(["A2", "G1", "A3"], any.Items.Select(i => i.Sku));
        Assert.All(any.Items, i => Assert.Equal("popular right now", i.Reason));
        Assert.Equal(["G1", "RET", "G2"], garden.Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task ErasedAndUnknownCustomers_GetNothing()
    {
        await ServingTestShop.SeedAsync(_db);
        var serving = ServingTestShop.Serving(_db);

        Assert.False((await serving.ForExternalIdAsync("DAN", 5)).Found);
        Assert.False((await serving.ForExternalIdAsync("nobody", 5)).Found);
        Assert.Empty((await serving.ForExternalIdAsync("DAN", 5)).Items);
        await using var db = _db.CreateDbContext();
        var (dan, ann) = (db.Customers.Single(c => c.ExternalId == "DAN").Id, db.Customers.Single(c => c.ExternalId == "ANN").Id);
        Assert.False((await serving.ForCustomerAsync(dan, 5)).Found);
        Assert.False((await serving.ForCustomerAsync(int.MaxValue, 5)).Found);
        Assert.Equal(5, (await serving.ForCustomerAsync(ann, 5)).Items.Count);
    }

    [Fact]
    public async Task WithoutAChampion_ServingFallsBackToPopularity_AndSaysSo()
    {
        await ServingTestShop.SeedAsync(_db);

        var result = await ServingTestShop.Serving(_db).ForExternalIdAsync("ANN", count: 3);

        Assert.True(result.Found);
        Assert.Null(result.ModelVersion);
        Assert.NotNull(result.Fallback);
        Assert.Equal(["A2", "G1", "A3"], result.Items.Select(i => i.Sku));
    }
}
