namespace Dashboard.Core.Experiments.Statistics;

/// <summary>One arm's aggregates of the metric y and its pre-period value x: n, Σy, Σy², Σx, Σx², Σxy.</summary>
public readonly record struct CovariateSums(long N, double Sum, double SumSquares, double PreSum, double PreSumSquares, double CrossSum)
{
    internal double CenteredYy => SumSquares - (Sum * Sum / N);

    internal double CenteredXx => PreSumSquares - (PreSum * PreSum / N);

    internal double CenteredXy => CrossSum - (Sum * PreSum / N);
}

/// <summary>
/// CUPED (Deng et al. 2013) as a regression adjustment: each arm's metric becomes <c>y − θ(x − x̄)</c>, with x the
/// pre-period value and x̄ its mean over all arms, so adjusted means stay on the metric's scale. θ is pooled over the
/// arms from within-arm sums, <c>θ = Σ S_xy / Σ S_xx</c>, which is the slope of x in the OLS regression of y on the arm
/// dummies and x (ANCOVA): the adjusted difference of means equals that regression's arm coefficient. gbstats pools θ
/// likewise but divides by the pre-period variance of all arms together; the two differ only by the spread of the arms'
/// pre-period means, which randomisation keeps negligible. θ is treated as known, as in gbstats and the CUPED paper.
/// </summary>
public static class Cuped
{
    public static double PooledTheta(IReadOnlyList<CovariateSums> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var xx = arms.Sum(a => a.CenteredXx);

        // A constant pre-period value carries no information: no adjustment.
        return xx > 0 ? arms.Sum(a => a.CenteredXy) / xx : 0;
    }

    /// <summary>The arm's adjusted mean and the sample variance (n − 1) of <c>y − θx</c>.</summary>
    public static ArmMoments Adjust(CovariateSums arm, double theta, double overallPreMean)
    {
        if (arm.N < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(arm), "A sample variance needs at least two observations.");
        }

        var mean = (arm.Sum / arm.N) - (theta * ((arm.PreSum / arm.N) - overallPreMean));
        var variance = (arm.CenteredYy - (2 * theta * arm.CenteredXy) + (theta * theta * arm.CenteredXx)) / (arm.N - 1);
        return new ArmMoments(arm.N, mean, Math.Max(0, variance));
    }

    public static double OverallPreMean(IReadOnlyList<CovariateSums> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        return arms.Sum(a => a.PreSum) / arms.Sum(a => a.N);
    }
}
