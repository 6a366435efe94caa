using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Experiments.Analysis;

/// <summary>
/// One treatment against the control: the absolute and relative effects with their tests (Welch, or confidence sequences
/// when sequential), the Bayesian readout on the relative lift, and for proportions the classic z-test. A test that
/// needs a standard error is null when the effect has none (zero variance) or, for relative figures, when the control
/// mean is 0.
/// </summary>
internal sealed record TreatmentComparison(
    double AbsoluteEffect,
    EffectTest? Absolute,
    double? RelativeLift,
    EffectTest? Relative,
    BayesianResult? Bayesian,
    double? ZTestPValue)
{
    public static TreatmentComparison Compare(ArmMoments control, ArmMoments treatment, ExperimentAnalysisRequest request, long? controlConversions, long? treatmentConversions)
    {
        var degreesOfFreedom = WelchTTest.DegreesOfFreedom(control, treatment);
        EffectTest? Test(Effect effect) => effect.Variance <= 0 ? null
            : request.Sequential ? ConfidenceSequence.Run(effect, control.N + treatment.N, request.Alpha, request.SequentialTuning)
            : WelchTTest.Run(effect, degreesOfFreedom, request.Alpha);

        var absolute = Effect.Absolute(control, treatment);
        Effect? relative = control.Mean == 0 ? null : Effect.Relative(control, treatment);
        var zTest = controlConversions is { } c && treatmentConversions is { } t
            ? TwoProportionZTest.Run(control.N, c, treatment.N, t, 1 - request.Alpha).PValue
            : (double?)null;
        return new TreatmentComparison(
            absolute.Estimate,
            Test(absolute),
            relative?.Estimate,
            relative is { } r ? Test(r) : null,
            relative is { Variance: > 0 } lift ? BayesianEffect.Run(lift, request.Prior) : null,
            zTest);
    }
}
