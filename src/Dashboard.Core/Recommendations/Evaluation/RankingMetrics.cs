namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>
/// Top-k ranking metrics for one customer. <c>ranked</c> is the model's list, best first (distinct catalogue indices);
/// <c>targets</c> are the catalogue indices the customer went on to buy; <c>relevant</c> is how many target items there
/// are in all, including items outside the catalogue that no model can rank, so that those count as misses for every
/// model rather than vanish. Ranks are 1-based; gains are binary (an item was bought or not).
/// </summary>
public static class RankingMetrics
{
    /// <summary>HR@k: 1 when any target is in the top k, else 0.</summary>
    public static double HitRate(ReadOnlySpan<int> ranked, ReadOnlySpan<int> targets, int k) =>
        FirstHitRank(ranked, targets, k) is null ? 0 : 1;

    /// <summary>MRR@k: 1 / rank of the first target in the top k, else 0.</summary>
    public static double ReciprocalRank(ReadOnlySpan<int> ranked, ReadOnlySpan<int> targets, int k) =>
        FirstHitRank(ranked, targets, k) is { } rank ? 1d / rank : 0;

    /// <summary>Recall@k: targets in the top k / <paramref name="relevant"/>.</summary>
    public static double Recall(ReadOnlySpan<int> ranked, ReadOnlySpan<int> targets, int relevant, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(relevant);
        var hits = 0;
        foreach (var item in Head(ranked, k))
        {
            hits += targets.Contains(item) ? 1 : 0;
        }

        return (double)hits / relevant;
    }

    /// <summary>
    /// NDCG@k = DCG / IDCG with DCG = Σ over target ranks r ≤ k of 1 / log2(r + 1) and IDCG the same sum over ranks
    /// 1..min(<paramref name="relevant"/>, k), the best list possible.
    /// </summary>
    public static double Ndcg(ReadOnlySpan<int> ranked, ReadOnlySpan<int> targets, int relevant, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(relevant);
        var dcg = 0d;
        var head = Head(ranked, k);
        for (var position = 0; position < head.Length; position++)
        {
            dcg += targets.Contains(head[position]) ? Discount(position + 1) : 0;
        }

        var idcg = 0d;
        for (var rank = 1; rank <= Math.Min(relevant, k); rank++)
        {
            idcg += Discount(rank);
        }

        return dcg / idcg;
    }

    private static double Discount(int rank) => 1 / Math.Log2(rank + 1);

    private static int? FirstHitRank(ReadOnlySpan<int> ranked, ReadOnlySpan<int> targets, int k)
    {
        var head = Head(ranked, k);
        for (var position = 0; position < head.Length; position++)
        {
            if (targets.Contains(head[position]))
            {
                return position + 1;
            }
        }

        return null;
    }

    private static ReadOnlySpan<int> Head(ReadOnlySpan<int> ranked, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return ranked[..Math.Min(k, ranked.Length)];
    }
}
