using Dashboard.Core.Demo;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Recommendations.Evaluation;

/// <summary>The baselines on a small demo shop, whose customers are planted to buy their favourite items again.</summary>
public sealed class DemoShopEvaluationTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task RepeatBeatsPopularity_OnTheDemoShop()
    {
        await using (var context = _db.CreateDbContext())
        {
            await new DemoDataGenerator().SeedAsync(context, new DemoOptions
            {
                Customers = 600, Products = 120, Days = 120, Seed = 11, EndDate = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
            });
        }

        var split = await new TemporalSplitLoader(new PurchaseSequences(_db)).LoadAsync();
        var report = OfflineEvaluator.Evaluate(split, [new PopularityRecommender(), new ItemKnnRecommender(), new RepeatRecommender()]);

        var ndcg = report.Models.ToDictionary(m => m.Name, m => m.Metrics.Ndcg10);
        Assert.InRange(split.Description.TestCustomers, 50, 600);
        Assert.True(ndcg["repeat"] > ndcg["popularity"], $"repeat {ndcg["repeat"]:0.000} should beat popularity {ndcg["popularity"]:0.000}");
        Assert.True(ndcg["itemknn"] > ndcg["popularity"], $"itemknn {ndcg["itemknn"]:0.000} should beat popularity {ndcg["popularity"]:0.000}");
        // Popularity lists the same items for everyone: its coverage is the top 10 of a 120-item catalogue at most.
        Assert.True(report.Models[0].Metrics.Coverage10 <= 10d / split.Description.TrainItems + 1e-12);
    }
}
