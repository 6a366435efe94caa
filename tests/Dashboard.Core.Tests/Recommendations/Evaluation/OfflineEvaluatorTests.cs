using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Tests.Recommendations.Evaluation;

public sealed class OfflineEvaluatorTests
{
    private const double Tolerance = 1e-12;
    private const int Items = 25;
    private static readonly DateTime Cutoff = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Ann bought item 0 before; her next order holds item 0 again (repeat) and item 3 (new to her).</summary>
    private static readonly EvaluationCustomer Ann = new(History(1, 0), [0, 3], targetsOutsideCatalogue: 0);

    /// <summary>Ben bought item 1 before; his next order holds item 7 and a product outside the catalogue.</summary>
    private static readonly EvaluationCustomer Ben = new(History(2, 1), [7], targetsOutsideCatalogue: 1);

    /// <summary>
    /// Ann's list: 3, 5, 0, then the rest by index (1, 2, 4, 6, 7, …). Ben's: 9, 10, …, 19, then 7 at rank 12, then 0, 1, ….
    /// </summary>
    private static readonly FixedRanking Model = new(new Dictionary<int, int[]>
    {
        [1] = [3, 5, 0],
        [2] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 7],
    });

    [Fact]
    public void Evaluate_AveragesEachMetricOverTheTestCustomers()
    {
        var evaluation = OfflineEvaluator.Evaluate(Split(), Model);
        var m = evaluation.Metrics;

        // Ann: targets {0, 3} at ranks 3 and 1: DCG = 1 + 1/log2(4) = 1.5, IDCG = 1 + 1/log2(3) → NDCG = 0.91972;
        // HR = 1, MRR = 1, Recall@20 = 2/2. Ben: target 7 at rank 12 of 2 targets: HR = NDCG = MRR = 0, Recall@20 = 1/2.
        var annNdcg = 1.5 / (1 + 1 / Math.Log2(3));
        Assert.Equal(2, m.Customers);
        Assert.Equal(0.5, m.HitRate10);
        Assert.Equal(annNdcg / 2, m.Ndcg10, Tolerance);
        Assert.Equal(0.5, m.Mrr10);
        Assert.Equal(0.75, m.Recall20);
        // Top 10s: Ann {3, 5, 0, 1, 2, 4, 6, 7, 8, 9}, Ben {9, …, 18}: 19 distinct of 25 items.
        Assert.Equal(19d / 25, m.Coverage10, Tolerance);
        Assert.Equal("fixed", evaluation.Name);
        Assert.True(evaluation.TrainSeconds >= 0);
    }

    [Fact]
    public void Evaluate_SlicesRepeatAndNewTargets_SkippingCustomersWithoutSuch()
    {
        var m = OfflineEvaluator.Evaluate(Split(), Model).Metrics;

        // Repeat: only Ann has one (item 0, rank 3): HR = 1, NDCG = 1/log2(4) = 0.5. Ben is skipped.
        Assert.Equal(new SliceMetrics(1, 1, 0.5), m.Repeat);
        // New: Ann's item 3 at rank 1 → HR = 1, NDCG = 1; Ben's item 7 (rank 12) and the uncatalogued one → 0, 0.
        Assert.Equal(2, m.New.Customers);
        Assert.Equal(0.5, m.New.HitRate10);
        Assert.Equal(0.5, m.New.Ndcg10, Tolerance);
    }

    [Fact]
    public void Evaluate_FitsEachModelOnTheTrainingSet_InTheOrderGiven_AndReportsProgressToTheEnd()
    {
        var split = Split();
        var first = new FixedRanking(new Dictionary<int, int[]>(), "first");
        var second = new FixedRanking(new Dictionary<int, int[]>(), "second");
        var fractions = new List<double>();

        var report = OfflineEvaluator.Evaluate(split, [first, second], new Recorder(p => fractions.Add(p.Fraction)));

        Assert.Equal(["first", "second"], report.Models.Select(m => m.Name));
        Assert.Same(split.Training, first.FittedOn);
        Assert.Same(split.Training, second.FittedOn);
        Assert.Same(split.Description, report.Split);
        Assert.Equal(1, fractions[^1]);
        Assert.Equal(fractions.Order(), fractions);
    }

    private static TemporalSplit Split()
    {
        var training = new RecommenderTrainingSet(new ItemIndex(Enumerable.Range(100, Items)), [Ann.History, Ben.History], Cutoff);
        var description = new SplitDescription(Cutoff, Cutoff.AddDays(30), 2, Items, 2, 2, 2, 2, 4, 1, 1, 2);
        return new TemporalSplit(training, [Ann, Ben], description);
    }

    private static CustomerHistory History(int customerId, int item) =>
        new(customerId, [new Interaction(item, Cutoff.AddDays(-10), 0)]);

    /// <summary>Scores the listed items of each customer n, n − 1, …; writes nothing else, relying on the evaluator to clear the vector.</summary>
    private sealed class FixedRanking(IReadOnlyDictionary<int, int[]> lists, string name = "fixed") : IRecommender
    {
        public string Name => name;

        public RecommenderTrainingSet? FittedOn { get; private set; }

        public ItemIndex? Items => FittedOn?.Items;

        public byte[] Save() => throw new NotSupportedException("A test stand-in is never saved.");

        public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
            FittedOn = data;

        public void Score(CustomerHistory history, Span<float> scores)
        {
            var list = lists.GetValueOrDefault(history.CustomerId, []);
            for (var position = 0; position < list.Length; position++)
            {
                scores[list[position]] = list.Length - position;
            }
        }
    }

    private sealed class Recorder(Action<EvaluationProgress> record) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => record(value);
    }
}
