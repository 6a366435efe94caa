using MathNet.Numerics;

namespace Dashboard.Core.Experiments.Statistics;

public sealed record SampleRatioResult(double ChiSquare, int DegreesOfFreedom, double PValue)
{
    /// <summary>
    /// The usual sample-ratio-mismatch threshold: strict, because with large groups even a tiny assignment bug is
    /// significant, and a mismatch invalidates every comparison of the arms.
    /// </summary>
    public const double MismatchAlpha = 0.001;

    public bool IsMismatch => PValue < MismatchAlpha;
}

/// <summary>
/// Pearson's chi-square goodness-of-fit test of the members counted in each arm against the planned shares (as
/// scipy's <c>chisquare(observed, f_exp=shares * n)</c>): does the assignment split the audience as planned? A
/// mismatch means members were lost or moved between arms, so the arms are no longer comparable.
/// </summary>
public static class SampleRatioTest
{
    /// <summary>How far the planned shares may add up from 1 (they are normalised floating-point weights).</summary>
    private const double ShareTolerance = 1e-6;

    public static SampleRatioResult Run(IReadOnlyList<long> observed, IReadOnlyList<double> expectedShares)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(expectedShares);
        if (observed.Count != expectedShares.Count)
        {
            throw new ArgumentException("Every arm needs one observed count and one planned share.", nameof(expectedShares));
        }

        if (observed.Count < 2)
        {
            throw new ArgumentException("A split needs at least two arms.", nameof(observed));
        }

        if (observed.Any(n => n < 0))
        {
            throw new ArgumentException("Counts cannot be negative.", nameof(observed));
        }

        if (expectedShares.Any(s => s is <= 0 or >= 1) || Math.Abs(expectedShares.Sum() - 1) > ShareTolerance)
        {
            throw new ArgumentException("The planned shares must each lie between 0 and 1 and add up to 1.", nameof(expectedShares));
        }

        double total = observed.Sum();
        if (total == 0)
        {
            throw new ArgumentException("The arms are empty: there is no split to test.", nameof(observed));
        }

        var statistic = observed.Zip(expectedShares, (count, share) =>
        {
            var expected = total * share;
            return (count - expected) * (count - expected) / expected;
        }).Sum();
        var degreesOfFreedom = observed.Count - 1;

        // The chi-square survival function as the upper regularized gamma: 1 - CDF would round tiny p-values to 0.
        return new SampleRatioResult(statistic, degreesOfFreedom, SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2.0));
    }
}
