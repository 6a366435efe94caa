using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Recommendations.Serving;

/// <summary>
/// What promo lists ask of serving on <see cref="ServingTestShop"/>: many customers at once as of a launch's moment,
/// only the discount's products, the best-sellers, and a pinned version.
/// </summary>
public sealed class PromoListServingTests : IDisposable
{
    private static readonly DateTime Today = ServingTestShop.Today;
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ABackDatedList_DoesNotSeeLaterPurchasesOrReturns()
    {
        var (serving, ids) = await ShopAsync();
        var model = await serving.ModelAsync(null);

        var now = await serving.ForCustomersAsync(model, [ids["ANN"]], 20, Today);
        var earlier = await serving.ForCustomersAsync(model, [ids["ANN"]], 20, Today.AddDays(-20));

        // Today Ann has just bought A4 and returned RET, so neither is offered; 20 days ago she had done neither.
        Assert.DoesNotContain(now[ids["ANN"]], i => i.Sku is "A4" or "RET");
        Assert.Contains(earlier[ids["ANN"]], i => i.Sku == "A4");
        Assert.Contains(earlier[ids["ANN"]], i => i.Sku == "RET");
        Assert.Equal("you bought this before", earlier[ids["ANN"]].Single(i => i.Sku == "G2").Reason);
    }

    [Fact]
    public async Task OnlyEligibleProducts_AreOffered_ErasedGetNothing_NewCustomersGetThePopularOnes()
    {
        var (serving, ids) = await ShopAsync();
        var eligible = new HashSet<int> { ids["A2"], ids["A3"], ids["G2"], ids["K1"], ids["OLD"] };

        var lists = await serving.ForCustomersAsync(await serving.ModelAsync(null), [ids["ANN"], ids["BOB"], ids["DAN"]], 3, Today, eligible);

        Assert.Equal(["A2", "A3", "G2"], lists[ids["ANN"]].Select(i => i.Sku));
        // Bob never bought: the recent best-sellers, G2 (Cara's order) tied with K1 at one order and first by id.
        Assert.Equal(["A2", "A3", "G2"], lists[ids["BOB"]].Select(i => i.Sku));
        Assert.All(lists[ids["BOB"]], i => Assert.Equal("popular right now", i.Reason));
        Assert.Empty(lists[ids["DAN"]]);
    }

    [Fact]
    public async Task BestSellers_AreTheRecentActiveBestSellers_AmongTheEligible()
    {
        var (serving, ids) = await ShopAsync();

        var all = await serving.BestSellersAsync(3);
        var limited = await serving.BestSellersAsync(3, new HashSet<int> { ids["OLD"], ids["G1"], ids["K1"] });

        Assert.Equal(["A2", "G1", "A3"], all.Select(i => i.Sku));
        Assert.Equal(["G1", "K1"], limited.Select(i => i.Sku));
        Assert.All(all, i => Assert.Equal("best-seller right now", i.Reason));
    }

    [Fact]
    public async Task APinnedVersion_IsServedAsItIs_AndAMissingOneIsRefused()
    {
        var (serving, ids) = await ShopAsync();
        var repeat = await ServingTestShop.PromoteChampionAsync(_db, new RepeatRecommender());

        var pinned = await serving.ModelAsync(repeat);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => serving.ModelAsync(repeat + 100));

        Assert.Equal((repeat, "repeat"), (pinned.VersionId, pinned.Family));
        Assert.Contains($"#{repeat + 100} does not exist", error.Message, StringComparison.Ordinal);
        // The repeat family offers what Ann buys again, the just-bought A4 included.
        Assert.Contains((await serving.ForCustomersAsync(pinned, [ids["ANN"]], 5, Today))[ids["ANN"]], i => i.Sku == "A4");
    }

    /// <summary>The shop, with a popularity champion, and the ids of its customers and products by external id / SKU.</summary>
    private async Task<(RecommendationServing Serving, Dictionary<string, int> Ids)> ShopAsync()
    {
        await ServingTestShop.SeedAsync(_db);
        await ServingTestShop.PromoteChampionAsync(_db, new PopularityRecommender());
        await using var db = _db.CreateDbContext();
        var ids = db.Customers.AsEnumerable().Where(c => !c.ExternalId.StartsWith('X')).ToDictionary(c => c.ExternalId, c => c.Id);
        foreach (var product in db.Products)
        {
            ids[product.Sku] = product.Id;
        }

        return (ServingTestShop.Serving(_db), ids);
    }
}
