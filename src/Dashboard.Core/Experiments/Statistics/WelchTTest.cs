using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Experiments.Statistics;

/// <summary>
/// Welch's unequal-variance t-test with Welch-Satterthwaite degrees of freedom, as scipy's
/// <c>ttest_ind(equal_var=False)</c> for the absolute effect. gbstats applies the same t distribution to the
/// delta-method relative lift, and so does <see cref="Run"/> when given one.
/// </summary>
public static class WelchTTest
{
    public static double DegreesOfFreedom(ArmMoments control, ArmMoments treatment)
    {
        double c = control.VarianceOfMean, t = treatment.VarianceOfMean;
        return (c + t) * (c + t) / (Term(c, control.N) + Term(t, treatment.N));

        // An arm without variance (e.g. no conversions at all, or a single member) adds nothing to the denominator:
        // taken literally it would be 0 / 0 for a one-member arm.
        static double Term(double varianceOfMean, long n) => varianceOfMean == 0 ? 0 : varianceOfMean * varianceOfMean / (n - 1);
    }

    /// <summary>The two-sided p-value and the <c>1 - alpha</c> confidence interval of <paramref name="effect"/>.</summary>
    public static EffectTest Run(Effect effect, double degreesOfFreedom, double alpha)
    {
        if (effect.Variance <= 0)
        {
            throw new ArgumentException("A t-test needs a positive variance.", nameof(effect));
        }

        var se = effect.StandardError;
        var t = effect.Estimate / se;

        // The lower tail at -|t| keeps small p-values that 1 - CDF would round to 0.
        var p = 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t));
        var halfWidth = StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (alpha / 2)) * se;
        return new EffectTest(effect.Estimate, effect.Estimate - halfWidth, effect.Estimate + halfWidth, Math.Min(1, p));
    }
}
