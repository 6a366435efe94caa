using System.Globalization;

namespace Dashboard.Core.Experiments.Analysis;

/// <summary>
/// Checks a request before any statistics run, naming each bad field as a JSON path (<c>variants[1].sumSquares</c>), so
/// a caller can fix its input without knowing the formulas.
/// </summary>
public static class AnalysisRequestValidator
{
    /// <summary>How far the planned shares may add up from 1, as <see cref="Statistics.SampleRatioTest"/> allows.</summary>
    private const double ShareTolerance = 1e-6;

    /// <summary>Relative slack for sums of squares that floating-point aggregation leaves a hair below their bound.</summary>
    private const double RoundingTolerance = 1e-9;

    public static IReadOnlyList<AnalysisProblem> Validate(ExperimentAnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<AnalysisProblem>();
        var isMean = request.Metric == ExperimentAnalysisRequest.MeanMetric;
        if (!isMean && request.Metric != ExperimentAnalysisRequest.ProportionMetric)
        {
            problems.Add(new("metric", "must be \"mean\" or \"proportion\"."));
        }

        if (!(request.Alpha is > 0 and < 1))
        {
            problems.Add(new("alpha", "must lie strictly between 0 and 1."));
        }

        if (!(request.SequentialTuning > 0) || double.IsInfinity(request.SequentialTuning))
        {
            problems.Add(new("sequentialTuning", "must be a positive sample size."));
        }

        if (request.Prior is { } prior)
        {
            if (!double.IsFinite(prior.Mean))
            {
                problems.Add(new("prior.mean", "must be a finite number."));
            }

            if (!(prior.Variance > 0) || double.IsInfinity(prior.Variance))
            {
                problems.Add(new("prior.variance", "must be positive (omit the prior for a flat one)."));
            }
        }

        var variants = request.Variants ?? [];
        if (variants.Count < 2)
        {
            problems.Add(new("variants", "needs at least two variants, the first being the control."));
        }

        if (request.Metric is ExperimentAnalysisRequest.MeanMetric or ExperimentAnalysisRequest.ProportionMetric)
        {
            var withPrePeriod = isMean && variants.Any(v => v?.HasAnyPrePeriod == true);
            for (var i = 0; i < variants.Count; i++)
            {
                problems.AddRange(ValidateVariant(variants, i, isMean, withPrePeriod));
            }
        }

        if (request.PlannedSplit is { } split && variants.Count >= 2)
        {
            problems.AddRange(ValidateSplit(split, variants.Count));
        }

        return problems;
    }

    private static IEnumerable<AnalysisProblem> ValidateVariant(IReadOnlyList<VariantInput> variants, int index, bool isMean, bool withPrePeriod)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"variants[{index}]");
        if (variants[index] is not { } v)
        {
            yield return new(field, "is null; give the arm's name and counts.");
            yield break;
        }

        if (string.IsNullOrWhiteSpace(v.Name))
        {
            yield return new($"{field}.name", "is required.");
        }
        else if (variants.Take(index).Any(other => other?.Name == v.Name))
        {
            yield return new($"{field}.name", "is used by an earlier variant; names must be unique.");
        }

        var minimumN = isMean ? 2 : 1;
        if (v.N is not { } n)
        {
            yield return new($"{field}.n", "is required.");
            yield break;
        }

        if (n < 0)
        {
            yield return new($"{field}.n", "is negative.");
            yield break;
        }

        if (n < minimumN)
        {
            yield return new($"{field}.n", isMean ? "must be at least 2 to estimate a variance." : "must be at least 1.");
            yield break;
        }

        var problems = isMean ? ValidateMeanSums(v, field, n) : ValidateConversions(v, field, n);
        foreach (var problem in problems.Concat(withPrePeriod ? ValidatePrePeriod(v, field, n) : []))
        {
            yield return problem;
        }
    }

    private static IEnumerable<AnalysisProblem> ValidateMeanSums(VariantInput v, string field, long n)
    {
        if (v.Conversions is not null)
        {
            yield return new($"{field}.conversions", "applies to proportion metrics only; a mean metric gives sum and sumSquares.");
        }

        foreach (var problem in ValidateSumPair(v.Sum, v.SumSquares, $"{field}.sum", $"{field}.sumSquares", "sum", n))
        {
            yield return problem;
        }
    }

    private static IEnumerable<AnalysisProblem> ValidateConversions(VariantInput v, string field, long n)
    {
        if (v.Sum is not null || v.SumSquares is not null)
        {
            yield return new($"{field}.{(v.Sum is not null ? "sum" : "sumSquares")}", "applies to mean metrics only; a proportion metric gives conversions.");
        }

        if (v.HasAnyPrePeriod)
        {
            yield return new($"{field}.preSum", "pre-period values (CUPED) apply to mean metrics only.");
        }

        switch (v.Conversions)
        {
            case null:
                yield return new($"{field}.conversions", "is required for a proportion metric.");
                break;
            case < 0:
                yield return new($"{field}.conversions", "is negative.");
                break;
            case var c when c > n:
                yield return new($"{field}.conversions", string.Create(CultureInfo.InvariantCulture, $"is larger than n ({n})."));
                break;
        }
    }

    private static IEnumerable<AnalysisProblem> ValidatePrePeriod(VariantInput v, string field, long n)
    {
        var missing = new[] { ("preSum", v.PreSum), ("preSumSquares", v.PreSumSquares), ("preCrossSum", v.PreCrossSum) }
            .Where(p => p.Item2 is null).Select(p => p.Item1).ToList();
        foreach (var name in missing)
        {
            yield return new($"{field}.{name}", "is required: pre-period sums (CUPED) are given for every variant or for none.");
        }

        if (missing.Count > 0)
        {
            yield break;
        }

        var pairProblems = ValidateSumPair(v.PreSum, v.PreSumSquares, $"{field}.preSum", $"{field}.preSumSquares", "preSum", n).ToList();
        foreach (var problem in pairProblems)
        {
            yield return problem;
        }

        if (!double.IsFinite(v.PreCrossSum!.Value))
        {
            yield return new($"{field}.preCrossSum", "must be a finite number.");
        }
        else if (pairProblems.Count == 0 && v is { Sum: { } sum, SumSquares: { } sumSquares })
        {
            // Cauchy-Schwarz on the centred sums: |S_xy| ≤ √(S_xx S_yy), or the correlation would exceed 1.
            var sxx = v.PreSumSquares!.Value - (v.PreSum!.Value * v.PreSum.Value / n);
            var syy = sumSquares - (sum * sum / n);
            var sxy = v.PreCrossSum.Value - (sum * v.PreSum.Value / n);
            var bound = Math.Sqrt(Math.Max(0, sxx) * Math.Max(0, syy));
            if (Math.Abs(sxy) > (bound * (1 + RoundingTolerance)) + RoundingTolerance)
            {
                yield return new($"{field}.preCrossSum", "is impossible with these sums and sums of squares: it implies a correlation beyond ±1.");
            }
        }
    }

    private static IEnumerable<AnalysisProblem> ValidateSumPair(double? sum, double? squares, string sumField, string squaresField, string sumName, long n)
    {
        if (sum is null)
        {
            yield return new(sumField, "is required for a mean metric.");
        }
        else if (sum is { } s && !double.IsFinite(s))
        {
            yield return new(sumField, "must be a finite number.");
        }

        if (squares is null)
        {
            yield return new(squaresField, "is required for a mean metric.");
            yield break;
        }

        var q = squares.Value;
        if (!double.IsFinite(q))
        {
            yield return new(squaresField, "must be a finite number.");
        }
        else if (q < 0)
        {
            yield return new(squaresField, "is negative.");
        }
        else if (sum is { } total && double.IsFinite(total))
        {
            var least = total * total / n;
            if (q < least - (RoundingTolerance * Math.Max(1, least)))
            {
                yield return new(squaresField, $"is smaller than {sumName}²/n, which no data can give.");
            }
        }
    }

    private static IEnumerable<AnalysisProblem> ValidateSplit(IReadOnlyList<double> split, int variants)
    {
        if (split.Count != variants)
        {
            yield return new("plannedSplit", string.Create(CultureInfo.InvariantCulture, $"has {split.Count} shares for {variants} variants."));
            yield break;
        }

        var bad = Enumerable.Range(0, split.Count).Where(i => !(split[i] is > 0 and < 1)).ToList();
        foreach (var i in bad)
        {
            yield return new(string.Create(CultureInfo.InvariantCulture, $"plannedSplit[{i}]"), "must lie strictly between 0 and 1.");
        }

        var total = split.Sum();
        if (bad.Count == 0 && Math.Abs(total - 1) > ShareTolerance)
        {
            yield return new("plannedSplit", string.Create(CultureInfo.InvariantCulture, $"must add up to 1 (it adds up to {total:0.######})."));
        }
    }
}
