using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Experiments.Analysis;

/// <summary>
/// The A/B statistics engine behind <c>POST /api/experiments/analyze</c> and <c>dashboard analyze</c>: pure, from
/// per-arm aggregates, no database. Each treatment is compared with the first variant, the control; the pieces live in
/// <c>Experiments/Statistics</c> and follow gbstats' conventions where the choice is open.
/// </summary>
public static class ExperimentAnalyzer
{
    public const string Better = "better";
    public const string Worse = "worse";
    public const string Inconclusive = "inconclusive";
    public const string Invalid = "invalid";

    /// <exception cref="InvalidAnalysisRequestException">The request has problems; each names its field.</exception>
    public static ExperimentAnalysis Analyze(ExperimentAnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AnalysisRequestValidator.Validate(request) is { Count: > 0 } problems)
        {
            throw new InvalidAnalysisRequestException(problems);
        }

        var variants = request.Variants!;
        var split = request.PlannedSplit ?? [.. Enumerable.Repeat(1.0 / variants.Count, variants.Count)];
        var srm = SampleRatioTest.Run([.. variants.Select(v => v.N!.Value)], split);
        var (arms, theta) = Moments(request);
        var comparisons = Enumerable.Range(1, variants.Count - 1)
            .Select(i => TreatmentComparison.Compare(arms[0], arms[i], request, variants[0].Conversions, variants[i].Conversions))
            .ToList();

        // The family is the treatments whose absolute effect could be tested; Holm decides the verdict.
        var tested = Enumerable.Range(0, comparisons.Count).Where(i => comparisons[i].Absolute is not null).ToList();
        var pValues = tested.Select(i => comparisons[i].Absolute!.Value.PValue).ToList();
        var holm = ByTreatment(tested, MultipleTesting.Holm(pValues), comparisons.Count);
        var bh = ByTreatment(tested, MultipleTesting.BenjaminiHochberg(pValues), comparisons.Count);

        var control = new VariantAnalysis(variants[0].Name!, arms[0].N, arms[0].Mean, null, null, null, null, null, null, null, null, null, null, null, null);
        var treatments = comparisons.Select((c, i) => new VariantAnalysis(
            variants[i + 1].Name!,
            arms[i + 1].N,
            arms[i + 1].Mean,
            c.AbsoluteEffect,
            c.Absolute is { } a ? [a.Low, a.High] : null,
            c.Absolute?.PValue,
            c.RelativeLift,
            c.Relative is { } r ? [r.Low, r.High] : null,
            c.Relative?.PValue,
            c.Bayesian?.ChanceToWin,
            c.Bayesian?.Risk,
            holm[i],
            bh[i],
            c.ZTestPValue,
            Verdict(srm, holm[i], c.AbsoluteEffect, request.Alpha)));

        return new ExperimentAnalysis(srm.PValue, [control, .. treatments], AnalysisWarnings.For(request, arms, comparisons, srm), theta);
    }

    /// <summary>The adjusted p-values of the tested treatments at their places among all treatments, null elsewhere.</summary>
    private static double?[] ByTreatment(List<int> tested, IReadOnlyList<double> adjusted, int treatments)
    {
        var byTreatment = new double?[treatments];
        for (var k = 0; k < tested.Count; k++)
        {
            byTreatment[tested[k]] = adjusted[k];
        }

        return byTreatment;
    }

    private static string Verdict(SampleRatioResult srm, double? adjustedPValue, double effect, double alpha) =>
        srm.IsMismatch ? Invalid
        : adjustedPValue < alpha ? (effect > 0 ? Better : Worse)
        : Inconclusive;

    /// <summary>Each arm's moments, CUPED-adjusted with a θ pooled over all arms when pre-period sums are given.</summary>
    private static (IReadOnlyList<ArmMoments> Arms, double? Theta) Moments(ExperimentAnalysisRequest request)
    {
        var variants = request.Variants!;
        if (request.Metric == ExperimentAnalysisRequest.ProportionMetric)
        {
            return ([.. variants.Select(v => ArmMoments.FromConversions(v.N!.Value, v.Conversions!.Value))], null);
        }

        if (!variants[0].HasAnyPrePeriod)
        {
            return ([.. variants.Select(v => ArmMoments.FromSums(v.N!.Value, v.Sum!.Value, v.SumSquares!.Value))], null);
        }

        var sums = variants.Select(v => new CovariateSums(v.N!.Value, v.Sum!.Value, v.SumSquares!.Value, v.PreSum!.Value, v.PreSumSquares!.Value, v.PreCrossSum!.Value)).ToList();
        var theta = Cuped.PooledTheta(sums);
        var overallPreMean = Cuped.OverallPreMean(sums);
        return ([.. sums.Select(s => Cuped.Adjust(s, theta, overallPreMean))], theta);
    }
}
