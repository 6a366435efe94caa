using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Experiments;

public class BayesianEffectTests
{
    [Fact]
    public void Run_MatchesGbstats_ForAMeanMetricWithAFlatPrior()
    {
        // gbstats packages/stats/tests/bayesian/test_tests.py, TestNorm.test_bayesian_gaussian_ab_test:
        // SampleMeanStatistic(sum=100, sum_squares=1002.25, n=10) against (105, 1111.5, 10) -> chance_to_win 0.91923,
        // uplift stddev 0.03572, risk [0.05131, 0.00131]. In full with scipy: norm.sf(0, mu, sd) -> 0.9192339081566245;
        // the treatment's risk -norm.cdf(0, mu, sd) * truncnorm.stats(-inf, -mu/sd, loc=mu, scale=sd, moments="m")
        // -> 0.001309817163926532, with mu 0.05 and sd 0.03571589282098377.
        var lift = Effect.Relative(ArmMoments.FromSums(10, 100, 1002.25), ArmMoments.FromSums(10, 105, 1111.5));

        var result = BayesianEffect.Run(lift, prior: null);

        Assert.Equal(0.05, result.PosteriorMean, 1e-12);
        Assert.Equal(0.03571589282098377, result.PosteriorStandardDeviation, 1e-12);
        Assert.Equal(0.9192339081566245, result.ChanceToWin, 1e-12);
        Assert.Equal(0.001309817163926532, result.Risk, 1e-12);
    }

    [Fact]
    public void Run_MatchesGbstats_ForAProportion()
    {
        // gbstats tests/bayesian/test_tests.py, TestBinom.test_bayesian_binomial_ab_test: 49/100 against 51/100 ->
        // expected 0.04082, chance_to_win 0.60918, risk [0.0814, 0.04058]; in full (scipy, as above) 0.6091813095808981
        // and 0.04057952262455082.
        var lift = Effect.Relative(ArmMoments.FromConversions(100, 49), ArmMoments.FromConversions(100, 51));

        var result = BayesianEffect.Run(lift, prior: null);

        Assert.Equal(0.6091813095808981, result.ChanceToWin, 1e-12);
        Assert.Equal(0.04057952262455082, result.Risk, 1e-12);
    }

    [Theory]
    // The conjugate update by hand (numpy): precision = 1/var + 1/v; mean = (est/var + m/v) / precision; then
    // chance to win = scipy.stats.norm.sf(0, mean, sd) and risk as gbstats' get_risk with scipy's truncnorm.
    [InlineData(0.0, 0.3, 0.03806507050202774, 0.14220313572525875, 0.6055275428218998, 0.03971872847753736)]
    [InlineData(0.1, 0.01, 0.08132023790680643, 0.08272704718517178, 0.8371949436348263, 0.0071185513374842375)]
    public void Run_ShrinksTowardsAProperPrior(double priorMean, double priorVariance, double mean, double sd, double chanceToWin, double risk)
    {
        var lift = Effect.Relative(ArmMoments.FromConversions(100, 49), ArmMoments.FromConversions(100, 51));

        var result = BayesianEffect.Run(lift, new NormalPrior(priorMean, priorVariance));

        Assert.Equal(mean, result.PosteriorMean, 1e-12);
        Assert.Equal(sd, result.PosteriorStandardDeviation, 1e-12);
        Assert.Equal(chanceToWin, result.ChanceToWin, 1e-12);
        Assert.Equal(risk, result.Risk, 1e-12);
    }
}
