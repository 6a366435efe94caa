using System.Globalization;
using Dashboard.Core.Experiments.Analysis;
using Dashboard.Core.Experiments.Planning;

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
    /// <summary>The smallest relative lift worth finding when nothing says otherwise (also the budget planner's default uplift).</summary>
    public const double WorthwhileLift = 0.10;

    /// <summary>The power the underpowered warning asks for, the usual 80 %.</summary>
    public const double TargetPower = 0.8;

    /// <summary>
    /// Reads the conversion analysis the way a manager asks: which treatment wins against the control, by how much and
    /// how surely (relative lift with its confidence interval, decided on the Holm-adjusted p-value). A sample ratio
    /// mismatch overrides everything. Without a clear answer, the verdict says whether the test could have given one
    /// (<see cref="Underpowered"/>).
    /// </summary>
    /// <param name="campaignWarnings">What the campaign adds to the analysis' own warnings: too early, novelty.</param>
    public static ReportVerdict From(ExperimentAnalysis conversion, IEnumerable<string> campaignWarnings, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(conversion);
        List<string> warnings = [.. conversion.Warnings, .. campaignWarnings];
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

        if (Underpowered(conversion, alpha) is { } underpowered)
        {
            warnings.Add(underpowered);
        }

        var best = treatments.MaxBy(t => t.RelativeLift ?? double.MinValue);
        return new ReportVerdict(VerdictTone.Inconclusive,
            best?.RelativeLift is null
                ? "No answer yet: there is not enough data to compare the arms."
                : $"No clear winner yet: {best.Name} is at {Lift(best)} conversion against {control}, which could still be chance.",
            warnings);
    }

    /// <summary>"Too early" while a campaign that has not completed is still inside its attribution window: the arms' conversions are still coming in.</summary>
    public static string? TooEarly(DateTime launchedAt, int attributionWindowDays, DateTime now, bool completed)
    {
        var daysIn = (now - launchedAt).TotalDays;
        return completed || daysIn >= attributionWindowDays
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"Too early: {Math.Max(0, daysIn):0} of {attributionWindowDays} days of the attribution window have passed, so conversions are still coming in.");
    }

    /// <summary>
    /// Whether the arms are too small to find a <see cref="WorthwhileLift"/>: the lift the smallest treatment detects
    /// with <see cref="TargetPower"/> against the control's observed rate and size, alpha divided among the treatments
    /// as the planner does (<see cref="SampleSizePlanner.DetectableLift"/>). Null when they are large enough, or when
    /// the control's rate is 0 or 1 (the analysis warns about that already).
    /// </summary>
    public static string? Underpowered(ExperimentAnalysis conversion, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(conversion);
        var control = conversion.Variants[0];
        var treatments = conversion.Variants.Skip(1).ToList();
        if (treatments.Count == 0 || control.Mean is <= 0 or >= 1)
        {
            return null;
        }

        var smallest = treatments.Min(t => t.N);
        var detectable = SampleSizePlanner.DetectableLift(control.Mean, smallest, alpha / treatments.Count, TargetPower, (double)control.N / smallest);
        if (detectable <= WorthwhileLift)
        {
            return null;
        }

        var reach = detectable is { } lift
            ? string.Create(CultureInfo.InvariantCulture, $"only lifts of {lift:+0.0 %} or more")
            : "no lift below +1,000 %";
        return string.Create(CultureInfo.InvariantCulture,
            $"Underpowered: with {smallest:N0} members in the smallest treatment and the control converting at {control.Mean:0.0 %}, the test finds {reach} {TargetPower:0 %} of the time; a real lift of {WorthwhileLift:+0 %} would most likely read as no clear winner.");
    }

    /// <summary>"+12.0 %, 95 % CI [5.0 %, 19.0 %]".</summary>
    private static string Lift(VariantAnalysis treatment) => treatment.RelativeCi is [var low, var high]
        ? string.Create(CultureInfo.InvariantCulture, $"{treatment.RelativeLift:+0.0 %;-0.0 %}, 95 % CI [{low:0.0 %}, {high:0.0 %}]")
        : string.Create(CultureInfo.InvariantCulture, $"{treatment.RelativeLift:+0.0 %;-0.0 %}");
}
