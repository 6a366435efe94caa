namespace Dashboard.Core.Experiments.Analysis;

/// <summary>
/// The output of the analysis; field names are the public contract. Numbers that a test cannot give (a zero variance, a
/// control mean of 0) are null rather than NaN, and every such gap is explained in <see cref="Warnings"/>.
/// </summary>
/// <param name="SrmPValue">Chi-square goodness of fit of the arms' sizes against the planned split.</param>
/// <param name="CupedTheta">The pooled CUPED coefficient when pre-period sums were given, else null.</param>
public sealed record ExperimentAnalysis(
    double SrmPValue,
    IReadOnlyList<VariantAnalysis> Variants,
    IReadOnlyList<string> Warnings,
    double? CupedTheta);

/// <summary>
/// One arm. The control's effect fields are null. With <c>sequential</c>, the intervals and the effects' p-values are the
/// always-valid ones. <see cref="AdjustedPValue"/> is the Holm-adjusted <see cref="AbsolutePValue"/> over the
/// treatments, <see cref="BhAdjustedPValue"/> the Benjamini-Hochberg one; <see cref="Verdict"/> compares the Holm value
/// with alpha.
/// </summary>
/// <param name="Mean">The arm's mean (conversion rate for proportions), CUPED-adjusted when pre-period sums were given.</param>
/// <param name="ChanceToWin">Bayesian: the posterior probability that the relative lift is above 0.</param>
/// <param name="Risk">Bayesian: the expected loss of shipping this arm, as a fraction of the control mean.</param>
/// <param name="ZTestPValue">Proportions only: the classic pooled two-proportion z-test, a fixed-horizon secondary readout.</param>
/// <param name="Verdict"><c>better</c>, <c>worse</c>, <c>inconclusive</c>, or <c>invalid</c> under a sample ratio mismatch.</param>
public sealed record VariantAnalysis(
    string Name,
    long N,
    double Mean,
    double? AbsoluteEffect,
    IReadOnlyList<double>? AbsoluteCi,
    double? AbsolutePValue,
    double? RelativeLift,
    IReadOnlyList<double>? RelativeCi,
    double? RelativePValue,
    double? ChanceToWin,
    double? Risk,
    double? AdjustedPValue,
    double? BhAdjustedPValue,
    double? ZTestPValue,
    string? Verdict);
