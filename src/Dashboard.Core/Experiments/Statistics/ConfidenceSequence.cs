namespace Dashboard.Core.Experiments.Statistics;

/// <summary>
/// Asymptotic confidence sequences (Waudby-Smith et al. 2023, <c>arXiv:2103.06476</c>): intervals and p-values that stay
/// valid however often the results are looked at, so a campaign can be checked every day and stopped when it is clear.
/// The formulas are gbstats' <c>SequentialTwoSidedTTest</c>: with <c>N = n_control + n_treatment</c> and the
/// per-unit variance <c>s² = N · var(effect)</c>, the half-width is
/// <c>s · √(2(Nρ² + 1) ln(√(Nρ² + 1) / α) / (Nρ)²)</c>, where
/// <c>ρ² = (−2 ln α + ln(−2 ln α + 1)) / tuning</c>. The tuning sample size is where the interval is tightest
/// relative to a fixed-horizon one: set it near the total sample the test is expected to reach (gbstats' default 5000).
/// </summary>
public static class ConfidenceSequence
{
    public static EffectTest Run(Effect effect, long totalN, double alpha, double tuningSampleSize)
    {
        if (effect.Variance <= 0)
        {
            throw new ArgumentException("A confidence sequence needs a positive variance.", nameof(effect));
        }

        if (totalN < 1 || tuningSampleSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totalN), "The sample and the tuning sample size must be positive.");
        }

        var rhoSquared = RhoSquared(alpha, tuningSampleSize);
        double n = totalN;
        var spread = (n * rhoSquared) + 1;
        var perUnitVariance = effect.Variance * n;
        var halfWidth = Math.Sqrt(perUnitVariance * 2 * spread * Math.Log(Math.Sqrt(spread) / alpha) / (n * n * rhoSquared));

        // The always-valid p-value is 1 / e-value of the normal mixture martingale (equation 155 of the paper), with
        // S²/σ² = estimate² · N / var(effect); p < alpha exactly when the interval excludes 0.
        var standardizedSquare = effect.Estimate * effect.Estimate * n / effect.Variance;
        var logEValue = (rhoSquared * standardizedSquare / (2 * spread)) - (0.5 * Math.Log(spread));
        var p = Math.Min(1, Math.Exp(-logEValue));
        return new EffectTest(effect.Estimate, effect.Estimate - halfWidth, effect.Estimate + halfWidth, p);
    }

    private static double RhoSquared(double alpha, double tuningSampleSize)
    {
        var twoLogAlpha = -2 * Math.Log(alpha);
        return (twoLogAlpha + Math.Log(twoLogAlpha + 1)) / tuningSampleSize;
    }
}
