using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Experiments;

public class TwoProportionZTestTests
{
    // Reference values: statsmodels.stats.proportion.proportions_ztest (pooled, two-sided) for z and p;
    // the Wald interval p2 - p1 +/- 1.959964 * sqrt(p1 q1 / n1 + p2 q2 / n2) for the CI.
    [Theory]
    [InlineData(1000, 30, 1000, 45, 1.7654696590, 0.0774848651, -0.0016395055, 0.0316395055)]
    [InlineData(5000, 250, 5200, 310, 2.1311837208, 0.0330740096, 0.0007887903, 0.0184419789)]
    public void Run_MatchesReferenceValues(long n1, long c1, long n2, long c2, double z, double p, double low, double high)
    {
        var result = TwoProportionZTest.Run(n1, c1, n2, c2);

        Assert.Equal(z, result.Z, 8);
        Assert.Equal(p, result.PValue, 8);
        Assert.Equal(low, result.CiLow, 8);
        Assert.Equal(high, result.CiHigh, 8);
        Assert.Equal(((double)c2 / n2 - (double)c1 / n1) / ((double)c1 / n1), result.RelativeLift, 12);
    }

    [Fact]
    public void Run_IsSymmetric_WhenGroupsSwap()
    {
        var forward = TwoProportionZTest.Run(1000, 30, 1000, 45);
        var backward = TwoProportionZTest.Run(1000, 45, 1000, 30);

        Assert.Equal(forward.Z, -backward.Z, 12);
        Assert.Equal(forward.PValue, backward.PValue, 12);
    }

    [Fact]
    public void Run_ReturnsPValueOne_WhenNobodyConverts()
    {
        var result = TwoProportionZTest.Run(100, 0, 100, 0);

        Assert.Equal(1, result.PValue);
        Assert.Equal(0, result.Z);
    }

    [Theory]
    [InlineData(0, 0, 10, 1)]
    [InlineData(10, 11, 10, 1)]
    [InlineData(10, -1, 10, 1)]
    public void Run_Throws_WhenCountsAreImpossible(long n1, long c1, long n2, long c2) =>
        Assert.Throws<ArgumentException>(() => TwoProportionZTest.Run(n1, c1, n2, c2));
}
