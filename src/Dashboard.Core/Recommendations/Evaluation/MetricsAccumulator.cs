using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>Sums one model's per-customer metrics and the items it recommends, then averages them.</summary>
internal sealed class MetricsAccumulator(int catalogueSize)
{
    public const int HitRateAt = 10;
    public const int RecallAt = 20;

    private readonly bool[] _recommended = new bool[catalogueSize];
    private int _customers;
    private double _hitRate, _ndcg, _mrr, _recall;
    private readonly SliceAccumulator _repeat = new();
    private readonly SliceAccumulator _new = new();

    /// <param name="ranked">The model's top <see cref="RecallAt"/> (or all, for a smaller catalogue), best first.</param>
    public void Add(ReadOnlySpan<int> ranked, EvaluationCustomer customer)
    {
        var targets = customer.Targets.AsSpan();
        _customers++;
        _hitRate += RankingMetrics.HitRate(ranked, targets, HitRateAt);
        _ndcg += RankingMetrics.Ndcg(ranked, targets, customer.TargetCount, HitRateAt);
        _mrr += RankingMetrics.ReciprocalRank(ranked, targets, HitRateAt);
        _recall += RankingMetrics.Recall(ranked, targets, customer.TargetCount, RecallAt);
        _repeat.Add(ranked, customer.RepeatTargets.AsSpan(), customer.RepeatTargets.Length);
        _new.Add(ranked, customer.NewTargets.AsSpan(), customer.NewTargetCount);
        foreach (var item in ranked[..Math.Min(HitRateAt, ranked.Length)])
        {
            _recommended[item] = true;
        }
    }

    public ModelMetrics Result() => new(
        _customers,
        Mean(_hitRate, _customers),
        Mean(_ndcg, _customers),
        Mean(_mrr, _customers),
        Mean(_recall, _customers),
        _recommended.Length == 0 ? 0 : (double)_recommended.Count(r => r) / _recommended.Length,
        _repeat.Result(),
        _new.Result());

    private static double Mean(double sum, int count) => count == 0 ? 0 : sum / count;

    private sealed class SliceAccumulator
    {
        private int _customers;
        private double _hitRate, _ndcg;

        public void Add(ReadOnlySpan<int> ranked, ReadOnlySpan<int> targets, int relevant)
        {
            if (relevant == 0)
            {
                return;
            }

            _customers++;
            _hitRate += RankingMetrics.HitRate(ranked, targets, HitRateAt);
            _ndcg += RankingMetrics.Ndcg(ranked, targets, relevant, HitRateAt);
        }

        public SliceMetrics Result() => new(_customers, Mean(_hitRate, _customers), Mean(_ndcg, _customers));
    }
}
