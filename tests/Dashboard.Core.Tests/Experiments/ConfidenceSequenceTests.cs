using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Experiments;

public class ConfidenceSequenceTests
{
    // Aggregates of rng = numpy.random.default_rng(20240601); a = rng.normal(10.0, 3.0, 400); b = rng.normal(10.6, 4.0, 380).
    private static readonly ArmMoments Control = ArmMoments.FromSums(400, 3984.3352251657952, 43072.72599357432);
    private static readonly ArmMoments Treatment = ArmMoments.FromSums(380, 4196.179345159418, 52439.66882209096);

    [Fact]
    public void Run_MatchesGbstatsWorkedCase()
    {
        // gbstats packages/stats/tests/frequentist/test_tests.py, TestSequentialTTest.test_sequential_test_runs:
        // SampleMeanStatistic(sum=1396.87, sum_squares=52377.9767, n=3000) against (2422.7, 134698.29, 3461), tuning 1000,
        // relative -> expected 0.50336, ci (-0.55844, 1.56516), pValue 1. The same formulas in numpy give
        // ci (-0.5584405051077315, 1.5651626768202032).
        var control = ArmMoments.FromSums(3000, 1396.87, 52377.9767);
        var treatment = ArmMoments.FromSums(3461, 2422.7, 134698.29);

        var test = ConfidenceSequence.Run(Effect.Relative(control, treatment), 6461, 0.05, 1000);

        Assert.Equal(0.5033610858562358, test.Estimate, 1e-12);
        Assert.Equal(-0.5584405051077315, test.Low, 1e-9);
        Assert.Equal(1.5651626768202032, test.High, 1e-9);
        Assert.Equal(1, test.PValue);
    }

    [Theory]
    // By hand from the documented formulas (numpy): rho = sqrt((-2 log a + log(-2 log a + 1)) / tuning); s2 = var * N;
    // half = sqrt(s2) * sqrt(2 (N rho² + 1) log(sqrt(N rho² + 1) / a) / (N rho)²);
    // p = min(1, sqrt(N rho² + 1) / exp(rho² (est² N / var) / (2 (N rho² + 1)))), with N = 780.
    [InlineData(5000, 0.19781438771487536, 1.965663934663609, 0.009213727650067036)]
    [InlineData(500, 0.31361426782951807, 1.8498640545489664, 0.0007343416208360149)]
    public void Run_MatchesTheFormulas_ForTheAbsoluteEffect(double tuning, double low, double high, double p)
    {
        var test = ConfidenceSequence.Run(Effect.Absolute(Control, Treatment), 780, 0.05, tuning);

        Assert.Equal(low, test.Low, 1e-9);
        Assert.Equal(high, test.High, 1e-9);
        Assert.Equal(p, test.PValue, 1e-12);
    }

    [Fact]
    public void Run_IsWiderThanTheFixedHorizonInterval_AndAgreesWithItsOwnPValue()
    {
        var effect = Effect.Absolute(Control, Treatment);
        var fixedHorizon = WelchTTest.Run(effect, WelchTTest.DegreesOfFreedom(Control, Treatment), 0.05);

        foreach (var alpha in new[] { 0.05, 0.01, 0.001 })
        {
            var sequential = ConfidenceSequence.Run(effect, 780, alpha, 5000);
            Assert.Equal(sequential.PValue < alpha, sequential.Low > 0);
        }

        var atFive = ConfidenceSequence.Run(effect, 780, 0.05, 5000);
        Assert.True(atFive.Low < fixedHorizon.Low && atFive.High > fixedHorizon.High);
        Assert.True(atFive.PValue > fixedHorizon.PValue);
    }
}
