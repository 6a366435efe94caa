using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Experiments;

public class WelchTTestTests
{
    // Aggregates of rng = numpy.random.default_rng(20240601); a = rng.normal(10.0, 3.0, 400); b = rng.normal(10.6, 4.0, 380).
    private static readonly ArmMoments RawControl = ArmMoments.FromSums(400, 3984.3352251657952, 43072.72599357432);
    private static readonly ArmMoments RawTreatment = ArmMoments.FromSums(380, 4196.179345159418, 52439.66882209096);

    // gbstats packages/stats/tests/frequentist/test_tests.py, TestTwoSidedTTest.setUp.
    private static readonly ArmMoments GbstatsControl = ArmMoments.FromSums(3407, 1396.87, 52377.9767);
    private static readonly ArmMoments GbstatsTreatment = ArmMoments.FromSums(3461, 2422.7, 134698.29);

    [Fact]
    public void Run_MatchesStatsmodels_ForTheAbsoluteEffect()
    {
        // cm = statsmodels.stats.weightstats.CompareMeans(DescrStatsW(b), DescrStatsW(a));
        // cm.ttest_ind(usevar='unequal') -> t 4.289775210837493, p 2.0441757712670225e-05, df 689.3260530507362
        // (scipy.stats.ttest_ind(b, a, equal_var=False).pvalue 2.0441757712665004e-05);
        // cm.tconfint_diff(alpha=0.05, usevar='unequal') -> (0.5866318742486916, 1.5768464481297644),
        // cm.tconfint_diff(alpha=0.10, usevar='unequal') -> (0.6664034063417275, 1.4970749160367285).
        var effect = Effect.Absolute(RawControl, RawTreatment);
        var df = WelchTTest.DegreesOfFreedom(RawControl, RawTreatment);

        var test = WelchTTest.Run(effect, df, 0.05);
        var test90 = WelchTTest.Run(effect, df, 0.10);

        Assert.Equal(689.3260530507362, df, 1e-9);
        Assert.Equal(4.289775210837493, effect.Estimate / effect.StandardError, 1e-12);
        Assert.Equal(2.0441757712670225e-05, test.PValue, 1e-14);
        Assert.Equal(0.5866318742486916, test.Low, 1e-9);
        Assert.Equal(1.5768464481297644, test.High, 1e-9);
        Assert.Equal(0.6664034063417275, test90.Low, 1e-9);
        Assert.Equal(1.4970749160367285, test90.High, 1e-9);
    }

    [Fact]
    public void Run_MatchesGbstats_ForAbsoluteAndRelativeEffects()
    {
        var df = WelchTTest.DegreesOfFreedom(GbstatsControl, GbstatsTreatment);

        // test_two_sided_ttest_absolute: expected 0.29, ci (0.04538, 0.53462), stddev 0.12478, pValue 0.02016;
        // the p-value in full from scipy.stats.ttest_ind_from_stats(0.7, sd_b, 3461, 0.41, sd_a, 3407, equal_var=False)
        // with sd = sqrt((sumSquares - sum²/n) / (n - 1)) -> pvalue 0.020158402643586957.
        var absolute = WelchTTest.Run(Effect.Absolute(GbstatsControl, GbstatsTreatment), df, 0.05);
        Assert.Equal(0.29, absolute.Estimate, 1e-12);
        Assert.Equal(0.04538, absolute.Low, 5e-6);
        Assert.Equal(0.53462, absolute.High, 5e-6);
        Assert.Equal(0.12478, Effect.Absolute(GbstatsControl, GbstatsTreatment).StandardError, 5e-6);
        Assert.Equal(0.020158402643586957, absolute.PValue, 1e-12);

        // test_two_sided_ttest (relative, delta method): expected 0.70732, ci (-0.03526, 1.44989), stddev 0.37879, pValue 0.06191.
        var lift = Effect.Relative(GbstatsControl, GbstatsTreatment);
        var relative = WelchTTest.Run(lift, df, 0.05);
        Assert.Equal(0.70732, relative.Estimate, 5e-6);
        Assert.Equal(0.37879, lift.StandardError, 5e-6);
        Assert.Equal(-0.03526, relative.Low, 5e-6);
        Assert.Equal(1.44989, relative.High, 5e-6);
        Assert.Equal(0.06191, relative.PValue, 5e-6);
    }

    [Fact]
    public void Run_MatchesGbstats_ForProportionsWithBernoulliVariance()
    {
        // gbstats tests/frequentist/test_tests.py, test_two_sided_ttest_binom: ProportionStatistic(sum=14, n=28) against
        // (sum=16, n=30), relative -> ci (-0.47767, 0.61101), stddev 0.2717, pValue 0.80707.
        var control = ArmMoments.FromConversions(28, 14);
        var treatment = ArmMoments.FromConversions(30, 16);
        var lift = Effect.Relative(control, treatment);

        var test = WelchTTest.Run(lift, WelchTTest.DegreesOfFreedom(control, treatment), 0.05);

        Assert.Equal((16 / 30.0 - 0.5) / 0.5, test.Estimate, 1e-12);
        Assert.Equal(0.2717, lift.StandardError, 5e-6);
        Assert.Equal(-0.47767, test.Low, 5e-6);
        Assert.Equal(0.61101, test.High, 5e-6);
        Assert.Equal(0.80707, test.PValue, 5e-6);
    }

    [Fact]
    public void Run_Throws_WhenTheEffectHasNoVariance() =>
        Assert.Throws<ArgumentException>(() => WelchTTest.Run(new Effect(1, 0), 10, 0.05));

    [Fact]
    public void DegreesOfFreedom_IgnoreAnArmWithoutVariance()
    {
        // Welch-Satterthwaite with one arm's variance 0: (0 + t)^2 / (0 + t^2 / (n_t - 1)) = n_t - 1. A one-member control
        // without conversions used to give 0 / 0.
        var control = ArmMoments.FromConversions(1, 0);
        var treatment = ArmMoments.FromConversions(50, 5);

        Assert.Equal(49, WelchTTest.DegreesOfFreedom(control, treatment), 12);
    }
}
