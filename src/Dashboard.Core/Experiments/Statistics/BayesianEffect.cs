using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Experiments.Statistics;

/// <summary>A normal prior on an effect, e.g. gbstats' proper prior on the relative lift, mean 0 and variance 0.3.</summary>
public sealed record NormalPrior(double Mean, double Variance);

/// <summary>The posterior of an effect and what it says about shipping the treatment.</summary>
/// <param name="ChanceToWin">P(effect &gt; 0 | data): the chance that the treatment beats the control.</param>
/// <param name="Risk">E[max(0, −effect) | data]: the expected loss, in the effect's units, of shipping the treatment.</param>
public readonly record struct BayesianResult(double PosteriorMean, double PosteriorStandardDeviation, double ChanceToWin, double Risk);

/// <summary>
/// gbstats' <c>EffectBayesianABTest</c>: the model is effect ~ Normal(estimate, var(estimate)) as the likelihood, from the
/// normal approximation of the estimate, and the effect's prior either flat (improper; the posterior is the likelihood) or
/// Normal(m, v), which is conjugate: posterior precision <c>1/var + 1/v</c>, posterior mean the precision-weighted average.
/// The risk is the closed form of gbstats' truncated-normal expression, <c>σφ(μ/σ) − μΦ(−μ/σ)</c>.
/// </summary>
public static class BayesianEffect
{
    public static BayesianResult Run(Effect effect, NormalPrior? prior)
    {
        if (effect.Variance <= 0)
        {
            throw new ArgumentException("The normal approximation needs a positive variance.", nameof(effect));
        }

        if (prior is { Variance: <= 0 })
        {
            throw new ArgumentException("A prior needs a positive variance.", nameof(prior));
        }

        var precision = (1 / effect.Variance) + (prior is null ? 0 : 1 / prior.Variance);
        var mean = prior is null ? effect.Estimate : ((effect.Estimate / effect.Variance) + (prior.Mean / prior.Variance)) / precision;
        var sd = Math.Sqrt(1 / precision);
        var z = mean / sd;
        var risk = (sd * Normal.PDF(0, 1, z)) - (mean * Normal.CDF(0, 1, -z));
        return new BayesianResult(mean, sd, Normal.CDF(0, 1, z), risk);
    }
}
