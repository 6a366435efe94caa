using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Experiments;

public class CupedTests
{
    // Per arm n, Σy, Σy², Σx, Σx², Σxy of: rng = numpy.random.default_rng(7); for (arm, n, lift) in
    // (("control", 500, 0.0), ("t1", 520, 0.8), ("t2", 480, 0.3)): x = rng.normal(20, 5, n);
    // y = 5 + 0.8 * x + lift + rng.normal(0, 3, n).
    private static readonly CovariateSums[] Arms =
    [
        new(500, 10218.996845458974, 219913.89519187814, 9679.177867902687, 198346.51945525472, 206626.21763620124),
        new(520, 11295.615807258204, 259679.08535773732, 10392.274303248432, 222305.49842925923, 237698.24371030997),
        new(480, 10200.215310234365, 229189.26343220368, 9610.408529834394, 204697.5035969231, 214169.84636442974),
    ];

    [Fact]
    public void PooledTheta_AndAdjustedDifferences_MatchTheOlsRegression()
    {
        // statsmodels.formula.api.ols("y ~ C(arm, Treatment('control')) + x", data).fit().params ->
        // x 0.8107271143114001, [T.t1] 0.7761910584568378, [T.t2] 0.2746763081857074.
        var theta = Cuped.PooledTheta(Arms);
        var overall = Cuped.OverallPreMean(Arms);
        var adjusted = Arms.Select(a => Cuped.Adjust(a, theta, overall)).ToList();

        Assert.Equal(0.8107271143114001, theta, 1e-12);
        Assert.Equal(0.7761910584568378, adjusted[1].Mean - adjusted[0].Mean, 1e-10);
        Assert.Equal(0.2746763081857074, adjusted[2].Mean - adjusted[0].Mean, 1e-10);
    }

    [Fact]
    public void Adjust_GivesTheWelchTestOfTheAdjustedValues()
    {
        // With adj = y - theta * (x - x.mean()) over all arms: adj_control.mean() 20.786242656416878,
        // adj_t1.mean() 21.56243371487328; cm = CompareMeans(DescrStatsW(adj_t1), DescrStatsW(adj_control)):
        // cm.ttest_ind(usevar='unequal') -> p 2.007102455185091e-05,
        // cm.tconfint_diff(alpha=0.05, usevar='unequal') -> (0.4206772451886273, 1.1317048717241611); and for t2
        // p 0.1427117344482396, ci (-0.09277058195060905, 0.6421231983209867).
        var theta = Cuped.PooledTheta(Arms);
        var overall = Cuped.OverallPreMean(Arms);
        var control = Cuped.Adjust(Arms[0], theta, overall);
        var t1 = Cuped.Adjust(Arms[1], theta, overall);
        var t2 = Cuped.Adjust(Arms[2], theta, overall);

        var test1 = WelchTTest.Run(Effect.Absolute(control, t1), WelchTTest.DegreesOfFreedom(control, t1), 0.05);
        var test2 = WelchTTest.Run(Effect.Absolute(control, t2), WelchTTest.DegreesOfFreedom(control, t2), 0.05);

        Assert.Equal(20.786242656416878, control.Mean, 1e-10);
        Assert.Equal(21.56243371487328, t1.Mean, 1e-10);
        Assert.Equal(2.007102455185091e-05, test1.PValue, 1e-13);
        Assert.Equal(0.4206772451886273, test1.Low, 1e-9);
        Assert.Equal(1.1317048717241611, test1.High, 1e-9);
        Assert.Equal(0.1427117344482396, test2.PValue, 1e-10);
        Assert.Equal(-0.09277058195060905, test2.Low, 1e-9);
        Assert.Equal(0.6421231983209867, test2.High, 1e-9);
    }

    [Fact]
    public void Adjust_ShrinksTheVariance_WhenThePrePeriodPredicts()
    {
        var plain = ArmMoments.FromSums(Arms[0].N, Arms[0].Sum, Arms[0].SumSquares);
        var adjusted = Cuped.Adjust(Arms[0], Cuped.PooledTheta(Arms), Cuped.OverallPreMean(Arms));

        Assert.True(adjusted.Variance < plain.Variance / 2);
    }

    [Fact]
    public void PooledTheta_IsZero_WhenThePrePeriodIsConstant() =>
        Assert.Equal(0, Cuped.PooledTheta([new(10, 50, 300, 20, 40, 100), new(10, 60, 400, 20, 40, 120)]));
}
