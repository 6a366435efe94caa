using System.Globalization;
using Dashboard.Core.Experiments.Analysis;

namespace Dashboard.Core.Experiments.Reports;

/// <summary>How sure the banner is: a winner or a loser, nothing yet, or results that must not be read.</summary>
public enum VerdictTone
{
    Winner,
    Loser,
    Inconclusive,
    Invalid,
}

/// <summary>The report's answer in one sentence, with the warnings that qualify it.</summary>
public sealed record ReportVerdict(VerdictTone Tone, string Headline, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Reads the conversion analysis the way a manager asks: which treatment wins against the control, by how much and
    /// how surely (relative lift with its confidence interval, decided on the Holm-adjusted p-value). A sample ratio
    /// mismatch overrides everything. "Too early" is added while a campaign that has not completed is still inside its
    /// attribution window, because the arms' conversions are still coming in.
    /// </summary>
    public static ReportVerdict From(ExperimentAnalysis conversion, DateTime launchedAt, int attributionWindowDays, DateTime now, bool completed = false)
    {
        ArgumentNullException.ThrowIfNull(conversion);
        List<string> warnings = [.. conversion.Warnings];
        var daysIn = (now - launchedAt).TotalDays;
        if (!completed && daysIn < attributionWindowDays)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Too early: {Math.Max(0, daysIn):0} of {attributionWindowDays} days of the attribution window have passed, so conversions are still coming in."));
        }

        var treatments = conversion.Variants.Skip(1).ToList();
        if (treatments.Any(t => t.Verdict == ExperimentAnalyzer.Invalid))
        {
            return new ReportVerdict(VerdictTone.Invalid,
                "The split does not match the plan (sample ratio mismatch): do not read these results until the assignment is checked.", warnings);
        }

        var control = conversion.Variants[0].Name;
        if (treatments.Where(t => t.Verdict == ExperimentAnalyzer.Better).MaxBy(t => t.RelativeLift) is { } winner)
        {
            return new ReportVerdict(VerdictTone.Winner, $"{winner.Name} wins: {Lift(winner)} conversion against {control}.", warnings);
        }

        if (treatments.Where(t => t.Verdict == ExperimentAnalyzer.Worse).MinBy(t => t.RelativeLift) is { } loser)
        {
            return new ReportVerdict(VerdictTone.Loser, $"{loser.Name} does worse: {Lift(loser)} conversion against {control}.", warnings);
        }

        var best = treatments.MaxBy(t => t.RelativeLift ?? double.MinValue);
        return new ReportVerdict(VerdictTone.Inconclusive,
            best?.RelativeLift is null
                ? "No answer yet: there is not enough data to compare the arms."
                : $"No clear winner yet: {best.Name} is at {Lift(best)} conversion against {control}, which could still be chance.",
            warnings);
    }

    /// <summary>"+12.0 %, 95 % CI [5.0 %, 19.0 %]".</summary>
    private static string Lift(VariantAnalysis treatment) => treatment.RelativeCi is [var low, var high]
        ? string.Create(CultureInfo.InvariantCulture, $"{treatment.RelativeLift:+0.0 %;-0.0 %}, 95 % CI [{low:0.0 %}, {high:0.0 %}]")
        : string.Create(CultureInfo.InvariantCulture, $"{treatment.RelativeLift:+0.0 %;-0.0 %}");
}
