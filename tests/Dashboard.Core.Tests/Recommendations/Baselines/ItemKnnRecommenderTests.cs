using Dashboard.Core.Recommendations.Recommenders;
using static Dashboard.Core.Tests.Recommendations.Baselines.TinyTrainingSet;

namespace Dashboard.Core.Tests.Recommendations.Baselines;

public sealed class ItemKnnRecommenderTests
{
    private const float Tolerance = 1e-6f;

    /// <summary>
    /// Buyers: C(0) = {1, 2}, C(1) = {1, 2, 3}, C(2) = {2, 3}, C(3) = {4}. Cosine on the binary matrix:
    /// sim(0,1) = 2/√(2·3) = 0.8165, sim(0,2) = 1/√(2·2) = 0.5, sim(1,2) = 2/√(3·2) = 0.8165, sim(·,3) = 0.
    /// Popularity (all in the window): item 0 → 2, item 1 → 4 (customer 3 bought it in two baskets, the second with a duplicate line), item 2 → 2, item 3 → 1.
    /// </summary>
    private static readonly RecommenderTrainingSet Data = Of(4,
        History(1, (Day(5, 10), [0, 1])),
        History(2, (Day(5, 11), [0, 1, 2])),
        History(3, (Day(5, 12), [1, 2]), (Day(5, 13), [1, 1])),
        History(4, (Day(5, 14), [3])));

    private static readonly double Sim01 = 2 / Math.Sqrt(6);

    /// <summary>Bought item 0 one basket ago (weight 0.5 at a half-life of 1) and item 2 in the latest basket (weight 1).</summary>
    private static readonly CustomerHistory Customer = History(9, (Day(4, 1), [0]), (Day(4, 2), [2]));

    [Fact]
    public void Score_SumsRecencyWeightedCosineOfTheHistoryItems()
    {
        var model = new ItemKnnRecommender(neighbours: 100, halfLifeBaskets: 1);
        model.Fit(Data);

        var scores = Scores(model, Customer, 4);

        // item 1 = 0.5 · sim(0,1) + 1 · sim(2,1) = 1.5 · 0.8165 = 1.2247; item 0 = 1 · sim(2,0) = 0.5; item 2 = 0.5 · sim(0,2) = 0.25;
        // item 3 is nobody's neighbour: popularity 1 · m / (P + 1) = 0.25 · 1 / 5 = 0.05.
        Assert.Equal(1.5 * Sim01, scores[1], Tolerance);
        Assert.Equal(0.5, scores[0], Tolerance);
        Assert.Equal(0.25, scores[2], Tolerance);
        Assert.Equal(0.05, scores[3], Tolerance);
        Assert.Equal([1, 0, 2, 3], Ranked(scores));
    }

    [Fact]
    public void Score_UsesOnlyTheKNearestNeighbours()
    {
        var model = new ItemKnnRecommender(neighbours: 1, halfLifeBaskets: 1);
        model.Fit(Data);

        var scores = Scores(model, Customer, 4);

        // With k = 1, item 0 keeps only item 1 (0.8165 > 0.5) and item 2 keeps only item 1: item 1 = 1.2247 is the
        // only reached item; the rest are popularity · 1.2247 / 5: items 0 and 2 → 0.4899, item 3 → 0.2449.
        var reached = 1.5 * Sim01;
        Assert.Equal(reached, scores[1], Tolerance);
        Assert.Equal(reached * 2 / 5, scores[0], Tolerance);
        Assert.Equal(reached * 2 / 5, scores[2], Tolerance);
        Assert.Equal(reached * 1 / 5, scores[3], Tolerance);
    }

    [Fact]
    public void Score_IsPopularity_ForAnEmptyHistory()
    {
        var model = new ItemKnnRecommender();
        model.Fit(Data);

        Assert.Equal([2f, 4f, 2f, 1f], Scores(model, CustomerHistory.Empty(9), 4));
    }

    [Fact]
    public void Fit_StaysQuick_OnAFewThousandItemsAndCustomers()
    {
        // 4,000 customers, each with 40 of 4,000 items (pseudo-random, fixed seed): sparse work, not items².
        var random = new Random(3);
        var histories = Enumerable.Range(0, 4_000)
            .Select(c => History(c, (Day(5, 1 + c % 28), [.. Enumerable.Range(0, 40).Select(_ => random.Next(4_000))])))
            .ToArray();
        var model = new ItemKnnRecommender();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        model.Fit(Of(4_000, histories));

        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 10);
        var scores = Scores(model, histories[0], 4_000);
        Assert.Contains(scores, s => s > 0);
    }
}
