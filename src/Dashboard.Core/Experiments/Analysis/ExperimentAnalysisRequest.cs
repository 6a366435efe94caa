using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Experiments.Analysis;

/// <summary>
/// The input of <c>POST /api/experiments/analyze</c> and <c>dashboard analyze</c>, one metric over two or more arms, the
/// first being the control. Field names are the public contract (System.Text.Json web defaults: camelCase).
/// </summary>
public sealed record ExperimentAnalysisRequest
{
    public const string MeanMetric = "mean";
    public const string ProportionMetric = "proportion";

    /// <summary>gbstats' default tuning sample size.</summary>
    public const double DefaultSequentialTuning = 5000;

    /// <summary><c>"mean"</c> (give n, sum, sumSquares) or <c>"proportion"</c> (give n and conversions).</summary>
    public string? Metric { get; init; }

    /// <summary>Two-sided significance level; the intervals are <c>1 − alpha</c>.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>The planned share of each arm, in the order of <see cref="Variants"/>; equal shares when omitted.</summary>
    public IReadOnlyList<double>? PlannedSplit { get; init; }

    /// <summary>Report always-valid intervals and p-values (confidence sequences), for results looked at while running.</summary>
    public bool Sequential { get; init; }

    /// <summary>The confidence sequences' tuning sample size: the total sample (all arms compared) the test expects to reach.</summary>
    public double SequentialTuning { get; init; } = DefaultSequentialTuning;

    /// <summary>A normal prior on the relative lift for the Bayesian readout; null for a flat prior.</summary>
    public NormalPrior? Prior { get; init; }

    public IReadOnlyList<VariantInput>? Variants { get; init; }
}

/// <summary>One arm's aggregates. The three pre-period sums (CUPED) are given for every arm or for none.</summary>
public sealed record VariantInput
{
    public string? Name { get; init; }

    public long? N { get; init; }

    public double? Sum { get; init; }

    public double? SumSquares { get; init; }

    public long? Conversions { get; init; }

    public double? PreSum { get; init; }

    public double? PreSumSquares { get; init; }

    /// <summary>Σ of the metric times its pre-period value, over the arm's members.</summary>
    public double? PreCrossSum { get; init; }

    internal bool HasAnyPrePeriod => PreSum is not null || PreSumSquares is not null || PreCrossSum is not null;
}
