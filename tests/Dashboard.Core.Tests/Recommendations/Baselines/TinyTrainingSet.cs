using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Tests.Recommendations.Baselines;

/// <summary>Training sets and histories written out by hand: items are catalogue indices 0..n-1, baskets numbered per customer.</summary>
internal static class TinyTrainingSet
{
    public static readonly DateTime Cutoff = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime Day(int month, int day) => new(2026, month, day, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A catalogue of <paramref name="items"/> products with ids 10, 20, 30, … (indices 0, 1, 2, …).</summary>
    public static ItemIndex Items(int items) => new(Enumerable.Range(1, items).Select(i => i * 10));

    public static RecommenderTrainingSet Of(int items, params CustomerHistory[] histories) => new(Items(items), histories, Cutoff);

    /// <summary>A customer's baskets in time order; each basket's items in line order (repeat an item for a duplicate line).</summary>
    public static CustomerHistory History(int customerId, params (DateTime At, int[] Items)[] baskets) =>
        new(customerId, [.. baskets.SelectMany((basket, number) => basket.Items.Select(item => new Interaction(item, basket.At, number)))]);

    public static float[] Scores(IRecommender recommender, CustomerHistory history, int items)
    {
        var scores = new float[items];
        recommender.Score(history, scores);
        return scores;
    }

    public static int[] Ranked(float[] scores)
    {
        var top = new int[scores.Length];
        Ranking.Top(scores, top);
        return top;
    }
}
