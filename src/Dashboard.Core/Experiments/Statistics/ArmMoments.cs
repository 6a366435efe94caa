namespace Dashboard.Core.Experiments.Statistics;

/// <summary>
/// One arm's size, mean and per-observation variance: all the tests need, built from aggregates that SQL returns
/// (gbstats' <c>SampleMeanStatistic</c> and <c>ProportionStatistic</c>).
/// </summary>
public readonly record struct ArmMoments(long N, double Mean, double Variance)
{
    /// <summary>The variance of the arm's mean, <c>variance / n</c>.</summary>
    public double VarianceOfMean => Variance / N;

    /// <summary>A mean metric: the sample variance with n - 1, from the sum and the sum of squares.</summary>
    public static ArmMoments FromSums(long n, double sum, double sumSquares)
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "A sample variance needs at least two observations.");
        }

        var mean = sum / n;

        // A constant metric leaves sumSquares - sum * mean at rounding noise, which may come out just below 0.
        return new ArmMoments(n, mean, Math.Max(0, (sumSquares - (sum * mean)) / (n - 1)));
    }

    /// <summary>A proportion: the Bernoulli variance p(1 - p), with n in the denominator as gbstats' <c>ProportionStatistic</c>.</summary>
    public static ArmMoments FromConversions(long n, long conversions)
    {
        if (n < 1 || conversions < 0 || conversions > n)
        {
            throw new ArgumentOutOfRangeException(nameof(conversions), "Conversions must lie between 0 and a positive group size.");
        }

        var rate = (double)conversions / n;
        return new ArmMoments(n, rate, rate * (1 - rate));
    }
}
