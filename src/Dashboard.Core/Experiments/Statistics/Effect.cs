namespace Dashboard.Core.Experiments.Statistics;

/// <summary>A treatment effect's point estimate and the variance of that estimate (its standard error squared).</summary>
public readonly record struct Effect(double Estimate, double Variance)
{
    public double StandardError => Math.Sqrt(Variance);

    /// <summary>Treatment minus control, with the variances of independent arms added.</summary>
    public static Effect Absolute(ArmMoments control, ArmMoments treatment) =>
        new(treatment.Mean - control.Mean, treatment.VarianceOfMean + control.VarianceOfMean);

    /// <summary>
    /// The relative lift <c>(treatment - control) / control</c> and its delta-method variance for independent arms,
    /// <c>var_t / (m_c² n_t) + var_c m_t² / (m_c⁴ n_c)</c>: gbstats' <c>frequentist_variance(relative=True)</c>, that is
    /// <c>variance_of_ratios</c> with no covariance.
    /// </summary>
    public static Effect Relative(ArmMoments control, ArmMoments treatment)
    {
        if (control.Mean == 0)
        {
            throw new ArgumentException("A lift relative to a control mean of 0 is undefined.", nameof(control));
        }

        var controlSquared = control.Mean * control.Mean;
        var variance = (treatment.VarianceOfMean / controlSquared)
            + (control.VarianceOfMean * treatment.Mean * treatment.Mean / (controlSquared * controlSquared));
        return new Effect((treatment.Mean - control.Mean) / control.Mean, variance);
    }
}

/// <summary>A two-sided test of an effect against 0: the estimate, its confidence interval and p-value.</summary>
public readonly record struct EffectTest(double Estimate, double Low, double High, double PValue);
