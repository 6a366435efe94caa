using Dashboard.Core.Recommendations.Recommenders;
using static Dashboard.Core.Tests.Recommendations.Baselines.TinyTrainingSet;

namespace Dashboard.Core.Tests.Recommendations.Baselines;

public sealed class RepeatRecommenderTests
{
    /// <summary>Popularity in the 30 days before the cut-off: item 0 → 1, item 1 → 2, item 2 → 2, item 3 → 0.</summary>
    private static readonly RecommenderTrainingSet Data = Of(4,
        History(1, (Day(5, 10), [0, 1]), (Day(5, 20), [1, 2])),
        History(2, (Day(5, 15), [2])));

    [Fact]
    public void Score_WeighsOwnBasketsByRecency_AndFillsWithPopularityBelowThem()
    {
        var model = new RepeatRecommender(halfLifeBaskets: 1);
        model.Fit(Data);
        // Baskets 0, 1, 2 have ages 2, 1, 0, so weights 0.5^2 = 0.25, 0.5^1 = 0.5, 0.5^0 = 1.
        var history = History(5, (Day(4, 1), [3]), (Day(4, 8), [0, 3]), (Day(4, 15), [0, 0]));

        var scores = Scores(model, history, 4);

        // Own: item 0 = 0.5 + 1 (the duplicate line in basket 2 counts once) = 1.5; item 3 = 0.25 + 0.5 = 0.75.
        // Never bought: popularity · m / (P + 1) with m = 0.75 (the lowest own score), P = 2: items 1 and 2 → 0.75 · 2 / 3 = 0.5.
        Assert.Equal([1.5f, 0.5f, 0.5f, 0.75f], scores);
        Assert.Equal([0, 3, 1, 2], Ranked(scores));
    }

    [Fact]
    public void Score_PutsEveryOwnItemAboveEveryOtherItem_WhateverItsPopularity()
    {
        var model = new RepeatRecommender(halfLifeBaskets: 1);
        model.Fit(Data);
        // Item 3 is unpopular (0) and bought 20 baskets ago: weight 0.5^20.
        (DateTime, int[])[] baskets = [(Day(1, 1), [3]), .. Enumerable.Range(0, 20).Select(d => (Day(2, 1 + d), (int[])[0]))];

        var ranked = Ranked(Scores(model, History(5, baskets), 4));

        Assert.Equal([0, 3, 1, 2], ranked);
    }

    [Fact]
    public void Score_IsPopularity_ForAnEmptyHistory()
    {
        var model = new RepeatRecommender();
        model.Fit(Data);

        Assert.Equal([1f, 2f, 2f, 0f], Scores(model, CustomerHistory.Empty(5), 4));
    }
}
