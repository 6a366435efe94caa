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

    [Fact]
    public async Task AFilterThatSkipsTheTopOfTheRanking_StillWalksDownToTheRest_InRankingOrder()
    {
        // 70 books bought twice each, then 6 rare items once each: the rare ones rank below every book, past the first
        // batch that serving selects partially, so the category filter must reach the full ranking.
        var books = Enumerable.Range(1, 70).Select(i => TestShop.Product($"B{i:00}", "Books")).ToList();
        var rare = Enumerable.Range(1, 6).Select(i => TestShop.Product($"R{i}", "Rare")).ToList();
        var ann = TestShop.Customer("ANN");
        var entities = new List<object> { ann, TestShop.Purchase("ann", ann, Today.AddDays(-200), (books[0], 1)) };
        var buyers = 0;
        foreach (var (product, orders) in books.Select(b => (b, 2)).Concat(rare.Select(r => (r, 1))))
        {
            for (var o = 0; o < orders; o++)
            {
                var buyer = TestShop.Customer($"X{++buyers}");
                entities.Add(buyer);
                entities.Add(TestShop.Purchase($"x-{buyers}", buyer, Today.AddDays(-1 - (buyers % 20)), (product, 1)));
            }
        }

        await TestShop.SaveAsync(_db, [.. entities]);
        await ServingTestShop.PromoteChampionAsync(_db, new PopularityRecommender());

        var result = await ServingTestShop.Serving(_db).ForExternalIdAsync("ANN", count: 4, category: "Rare");

        Assert.Null(result.Fallback);
        // Tied at one order each, the rare items come in catalogue order.
        Assert.Equal(["R1", "R2", "R3", "R4"], result.Items.Select(i => i.Sku));
    }

    private static DateTime Today => ServingTestShop.Today;
}
