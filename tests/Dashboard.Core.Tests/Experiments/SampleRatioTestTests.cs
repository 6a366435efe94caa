using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Experiments;

public class SampleRatioTestTests
{
    // Reference values: scipy.stats.chisquare(observed, f_exp=numpy.array(shares) * sum(observed)) -> statistic, pvalue.
    [Theory]
    [InlineData(new long[] { 5030, 4970 }, new[] { 0.5, 0.5 }, 0.36, 1, 0.5485062355001471)]
    [InlineData(new long[] { 3050, 2920, 3010, 1020 }, new[] { 0.3, 0.3, 0.3, 0.1 }, 3.4, 3, 0.3339652490901604)]
    [InlineData(new long[] { 412, 380, 208 }, new[] { 0.4, 0.4, 0.2 }, 1.68, 2, 0.4317105234290798)]
    public void Run_MatchesScipy(long[] observed, double[] shares, double statistic, int degreesOfFreedom, double pValue)
    {
        var result = SampleRatioTest.Run(observed, shares);

        Assert.Equal(statistic, result.ChiSquare, 10);
        Assert.Equal(degreesOfFreedom, result.DegreesOfFreedom);
        Assert.Equal(pValue, result.PValue, 10);
        Assert.False(result.IsMismatch);
    }

    [Fact]
    public void Run_KeepsTinyPValues_AndFlagsTheMismatch()
    {
        // scipy.stats.chisquare([5500, 4500], f_exp=[5000, 5000]) -> statistic 100.0, pvalue 1.5239706048320995e-23.
        var result = SampleRatioTest.Run([5500, 4500], [0.5, 0.5]);

        Assert.Equal(100.0, result.ChiSquare, 10);
        Assert.Equal(1.5239706048320995e-23, result.PValue, 1e-27);
        Assert.True(result.IsMismatch);
    }

    [Theory]
    [InlineData(new long[] { 10, 10 }, new[] { 0.5, 0.4 })]
    [InlineData(new long[] { 10, 10 }, new[] { 1.0, 0.0 })]
    [InlineData(new long[] { 10, 10, 10 }, new[] { 0.5, 0.5 })]
    [InlineData(new long[] { 20 }, new[] { 1.0 })]
    [InlineData(new long[] { 0, 0 }, new[] { 0.5, 0.5 })]
    [InlineData(new long[] { -1, 5 }, new[] { 0.5, 0.5 })]
    public void Run_RejectsPlansAndCountsItCannotTest(long[] observed, double[] shares) =>
        Assert.Throws<ArgumentException>(() => SampleRatioTest.Run(observed, shares));
}
