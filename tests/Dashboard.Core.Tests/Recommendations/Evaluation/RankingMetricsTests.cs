using Dashboard.Core.Recommendations.Evaluation;

namespace Dashboard.Core.Tests.Recommendations.Evaluation;

/// <summary>Each metric on rankings whose values are worked out by hand. Ranked lists hold item indices, best first.</summary>
public sealed class RankingMetricsTests
{
    private const double Tolerance = 1e-12;

    /// <summary>Items 0..19 ranked in index order, so item r − 1 is at rank r.</summary>
    private static readonly int[] InOrder = [.. Enumerable.Range(0, 20)];

    [Fact]
    public void OneTargetAtRank3()
    {
        int[] targets = [2];

        // DCG = 1/log2(3 + 1) = 0.5, IDCG = 1/log2(2) = 1 → NDCG = 0.5; first hit at rank 3 → MRR = 1/3.
        Assert.Equal(0.5, RankingMetrics.Ndcg(InOrder, targets, relevant: 1, k: 10), Tolerance);
        Assert.Equal(1, RankingMetrics.HitRate(InOrder, targets, k: 10));
        Assert.Equal(1d / 3, RankingMetrics.ReciprocalRank(InOrder, targets, k: 10), Tolerance);
        Assert.Equal(1, RankingMetrics.Recall(InOrder, targets, relevant: 1, k: 20));
    }

    [Fact]
    public void TwoTargetsAtRanks1And4()
    {
        int[] targets = [3, 0];

        // DCG = 1/log2(2) + 1/log2(5) = 1 + 0.43068 = 1.43068; IDCG = 1/log2(2) + 1/log2(3) = 1 + 0.63093 = 1.63093
        // → NDCG = 0.87722. MRR uses the first hit: rank 1 → 1.
        var expected = (1 + 1 / Math.Log2(5)) / (1 + 1 / Math.Log2(3));
        Assert.Equal(expected, RankingMetrics.Ndcg(InOrder, targets, relevant: 2, k: 10), Tolerance);
        Assert.Equal(0.877215, expected, 1e-6);
        Assert.Equal(1, RankingMetrics.ReciprocalRank(InOrder, targets, k: 10));
        Assert.Equal(1, RankingMetrics.Recall(InOrder, targets, relevant: 2, k: 20));
    }

    [Fact]
    public void ATargetOutsideTheCatalogue_StaysInTheDenominators()
    {
        // Two targets, one (index 0) at rank 1, the other never rankable: DCG = 1, IDCG = 1 + 1/log2(3) = 1.63093
        // → NDCG = 0.61315; Recall@20 = 1/2. HR and MRR only ask for a first hit: 1 and 1.
        int[] targets = [0];

        Assert.Equal(1 / (1 + 1 / Math.Log2(3)), RankingMetrics.Ndcg(InOrder, targets, relevant: 2, k: 10), Tolerance);
        Assert.Equal(0.5, RankingMetrics.Recall(InOrder, targets, relevant: 2, k: 20));
        Assert.Equal(1, RankingMetrics.HitRate(InOrder, targets, k: 10));
        Assert.Equal(1, RankingMetrics.ReciprocalRank(InOrder, targets, k: 10));
    }

    [Fact]
    public void ATargetAtRank11_MissesTheTop10_ButCountsForRecallAt20()
    {
        int[] targets = [10];

        Assert.Equal(0, RankingMetrics.HitRate(InOrder, targets, k: 10));
        Assert.Equal(0, RankingMetrics.Ndcg(InOrder, targets, relevant: 1, k: 10));
        Assert.Equal(0, RankingMetrics.ReciprocalRank(InOrder, targets, k: 10));
        Assert.Equal(1, RankingMetrics.Recall(InOrder, targets, relevant: 1, k: 20));
    }

    [Fact]
    public void MoreTargetsThanK_IdealListHoldsOnlyK()
    {
        // 12 targets, 10 of them filling the top 10: IDCG sums min(12, 10) = 10 ranks, the same as the DCG → NDCG = 1.
        // Recall@20: the other two are at ranks 11 and 12, so 12/12; on a list cut at 10 it would be 10/12.
        int[] targets = [.. Enumerable.Range(0, 12)];

        Assert.Equal(1, RankingMetrics.Ndcg(InOrder, targets, relevant: 12, k: 10), Tolerance);
        Assert.Equal(1, RankingMetrics.Recall(InOrder, targets, relevant: 12, k: 20));
        Assert.Equal(10d / 12, RankingMetrics.Recall(InOrder.AsSpan(0, 10), targets, relevant: 12, k: 20), Tolerance);
    }

    [Fact]
    public void Recall_CountsHitsInTheTopK_OverAllTargets()
    {
        // Targets at ranks 2, 15 and 21 (outside the top 20), plus one outside the catalogue: 2 hits / 4 targets.
        int[] ranked = [.. Enumerable.Range(0, 25)];
        int[] targets = [1, 14, 20];

        Assert.Equal(0.5, RankingMetrics.Recall(ranked, targets, relevant: 4, k: 20));
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(ranked, targets, k: 10));
    }
}
