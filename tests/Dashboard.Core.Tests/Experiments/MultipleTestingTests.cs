using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Experiments;

public class MultipleTestingTests
{
    // statsmodels.stats.multitest.multipletests([0.01, 0.04, 0.03, 0.2], method='holm')[1] -> [0.04, 0.09, 0.09, 0.2];
    // multipletests([0.0021, 0.049, 0.012], method='holm')[1] -> [0.0063, 0.049, 0.024].
    [Theory]
    [InlineData(new[] { 0.01, 0.04, 0.03, 0.2 }, new[] { 0.04, 0.09, 0.09, 0.2 })]
    [InlineData(new[] { 0.0021, 0.049, 0.012 }, new[] { 0.0063, 0.049, 0.024 })]
    [InlineData(new[] { 0.3 }, new[] { 0.3 })]
    public void Holm_MatchesStatsmodels(double[] pValues, double[] expected) =>
        Assert.Equal(expected, MultipleTesting.Holm(pValues), (a, b) => Math.Abs(a - b) < 1e-12);

    // multipletests([0.01, 0.04, 0.03, 0.2], method='fdr_bh')[1] -> [0.04, 0.05333333333333334, 0.05333333333333334, 0.2];
    // multipletests([0.0021, 0.049, 0.012], method='fdr_bh')[1] -> [0.0063, 0.049, 0.018000000000000002].
    [Theory]
    [InlineData(new[] { 0.01, 0.04, 0.03, 0.2 }, new[] { 0.04, 0.05333333333333334, 0.05333333333333334, 0.2 })]
    [InlineData(new[] { 0.0021, 0.049, 0.012 }, new[] { 0.0063, 0.049, 0.018000000000000002 })]
    public void BenjaminiHochberg_MatchesStatsmodels(double[] pValues, double[] expected) =>
        Assert.Equal(expected, MultipleTesting.BenjaminiHochberg(pValues), (a, b) => Math.Abs(a - b) < 1e-12);

    [Fact]
    public void Holm_CapsAtOne() =>
        Assert.Equal([1.0, 1.0], MultipleTesting.Holm([0.6, 0.7]));
}
