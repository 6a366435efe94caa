using System.Globalization;
using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Experiments.Analysis;

/// <summary>The plain sentences that tell an analyst which numbers of an analysis to distrust, and why.</summary>
internal static class AnalysisWarnings
{
    /// <summary>Fewer conversions (or non-conversions) than this and the normal approximation of a rate is rough.</summary>
    public const int MinimumConversions = 10;

    /// <summary>Fewer observations than this and the central limit theorem is not yet to be leaned on for a mean.</summary>
    public const int MinimumObservations = 30;

    public static IReadOnlyList<string> For(
        ExperimentAnalysisRequest request,
        IReadOnlyList<ArmMoments> arms,
        IReadOnlyList<TreatmentComparison> comparisons,
        SampleRatioResult srm)
    {
        var variants = request.Variants!;
        var warnings = new List<string>();
        if (srm.IsMismatch)
        {
            warnings.Add(Invariant(
                $"Sample ratio mismatch: the arms' sizes ({string.Join(", ", variants.Select(v => v.N!.Value.ToString("N0", CultureInfo.InvariantCulture)))}) depart from the planned split (chi-square p = {srm.PValue:G3} < {SampleRatioResult.MismatchAlpha}); members were lost or moved between arms, so no comparison can be trusted."));
        }

        for (var i = 0; i < variants.Count; i++)
        {
            if (SmallSample(request, variants[i]) is { } small)
            {
                warnings.Add(small);
            }

            if (arms[i].Variance == 0)
            {
                warnings.Add(Invariant($"'{variants[i].Name}' has zero variance: every member has the same value ({arms[i].Mean:G6})."));
            }
        }

        if (arms[0].Mean == 0)
        {
            warnings.Add("The control's mean is 0, so relative lifts and the Bayesian readout (which is on the relative lift) are not given.");
        }

        for (var i = 0; i < comparisons.Count; i++)
        {
            if (comparisons[i].Absolute is null)
            {
                warnings.Add($"'{variants[i + 1].Name}' cannot be tested against the control: both arms have zero variance, so the difference has no standard error.");
            }
        }

        return warnings;
    }

    private static string? SmallSample(ExperimentAnalysisRequest request, VariantInput variant)
    {
        var n = variant.N!.Value;
        if (request.Metric == ExperimentAnalysisRequest.ProportionMetric)
        {
            var conversions = variant.Conversions!.Value;
            var (fewest, what) = conversions <= n - conversions ? (conversions, "conversions") : (n - conversions, "non-conversions");
            return fewest < MinimumConversions
                ? Invariant($"'{variant.Name}' has only {fewest} {what}: the normal approximation behind these tests is rough below {MinimumConversions}.")
                : null;
        }

        return n < MinimumObservations
            ? Invariant($"'{variant.Name}' has only {n} observations: the normal approximation behind these tests is rough below {MinimumObservations}.")
            : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
