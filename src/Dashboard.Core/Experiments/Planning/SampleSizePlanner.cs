using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Experiments.Planning;

/// <summary>What a campaign test should be able to detect, and with what traffic.</summary>
/// <param name="BaselineRate">The control group's expected conversion rate (0..1), e.g. last campaigns' rate.</param>
/// <param name="MinimumDetectableLift">The smallest relative lift worth detecting, e.g. 0.10 for +10 % (so 5 % becomes 5.5 %).</param>
/// <param name="Alpha">Two-sided significance level of each treatment-vs-control comparison before the correction.</param>
/// <param name="Power">Chance of detecting the lift when it is real.</param>
/// <param name="Treatments">Treatment groups, each compared with the one control.</param>
/// <param name="HoldoutShare">Share of the audience kept out of the test entirely (receives nothing), 0..1.</param>
/// <param name="ControlShare">Share of the tested customers in the control; null for equal groups.</param>
/// <param name="Audience">Customers available (before the holdout), if known: the plan then says whether they are enough.</param>
/// <param name="DailyEligible">New eligible customers per day (on-site traffic), if the audience accrues over time.</param>
/// <param name="SmallestTreatmentShare">
/// Share of the tested customers in the smallest treatment, when the treatments are not of equal size; null when they
/// share what the control leaves equally. The smallest treatment is the one that must reach the sample size.
/// </param>
public sealed record SampleSizeRequest(
    double BaselineRate,
    double MinimumDetectableLift,
    double Alpha = 0.05,
    double Power = 0.8,
    int Treatments = 1,
    double HoldoutShare = 0,
    long? Audience = null,
    double? DailyEligible = null,
    double? ControlShare = null,
    double? SmallestTreatmentShare = null)
{
    /// <summary>The control's share of the tested customers: as given, or equal to each treatment's.</summary>
    public double EffectiveControlShare => ControlShare ?? 1.0 / (Treatments + 1);

    /// <summary>The share of the tested customers in the treatment the plan is sized for: the smallest one.</summary>
    public double TreatmentShare => SmallestTreatmentShare ?? (1 - EffectiveControlShare) / Treatments;
}

/// <summary>
/// The plan: customers needed in each treatment and in the control, in total (holdout included), how long accrual takes,
/// the lift the available audience can detect, and warnings in words.
/// </summary>
public sealed record SampleSizePlan(
    double TreatmentRate,
    double AdjustedAlpha,
    long PerTreatment,
    long Control,
    long TestGroups,
    long RequiredAudience,
    int? DaysNeeded,
    double? DetectableLiftWithAudience,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Sample sizes for a test of conversion rates with one control and k equal treatments: the normal approximation of the
/// two-sided two-proportion z-test, pooled variance under the null and unpooled under the alternative. With r control
/// customers per treatment customer, a treatment needs n = (z(1-a/2) sqrt(p(1-p)(1 + 1/r)) + z(power) sqrt(p2(1-p2) +
/// p1(1-p1)/r))^2 / (p2 - p1)^2, where p1 is the control's rate, p2 the treatment's and p = (p2 + r p1) / (1 + r) (as
/// statsmodels' <c>samplesize_proportions_2indep_onetail</c>; with r = 1 also R's <c>power.prop.test</c>). With several
/// treatments alpha is divided among the comparisons (Bonferroni), so the plan stays valid whichever correction the
/// report applies later (Holm and Benjamini-Hochberg are less strict).
/// </summary>
public static class SampleSizePlanner
{
    public static SampleSizePlan Plan(SampleSizeRequest request)
    {
        Validate(request);
        var adjustedAlpha = request.Alpha / request.Treatments;
        var p1 = request.BaselineRate;
        var p2 = p1 * (1 + request.MinimumDetectableLift);
        var ratio = request.EffectiveControlShare / request.TreatmentShare;
        var perTreatment = (long)Math.Ceiling(PerGroup(p1, p2, adjustedAlpha, request.Power, ratio));
        var control = (long)Math.Ceiling(perTreatment * ratio);
        // The smallest treatment reaches its size when the tested customers reach it divided by its share.
        var testGroups = (long)Math.Ceiling(perTreatment / request.TreatmentShare);
        var required = (long)Math.Ceiling(testGroups / (1 - request.HoldoutShare));
        int? days = request.DailyEligible is { } daily ? (int)Math.Ceiling(required / daily) : null;

        var warnings = new List<string>();
        double? detectable = null;
        if (request.Audience is { } audience)
        {
            var available = (long)Math.Floor(audience * (1 - request.HoldoutShare) * request.TreatmentShare);
            detectable = available < 2 ? null : DetectableLift(p1, available, adjustedAlpha, request.Power, ratio);
            if (audience < required)
            {
                var shortfall = string.Create(CultureInfo.InvariantCulture,
                    $"The audience of {audience:N0} is too small: {required:N0} customers are needed ({perTreatment:N0} per treatment and {control:N0} in the control{(request.HoldoutShare > 0 ? ", plus the holdout" : "")}).");
                var reach = detectable is { } lift
                    ? string.Create(CultureInfo.InvariantCulture, $"With {available:N0} per treatment the test can only detect a lift of {lift:P1} or more.")
                    : "It cannot detect any lift.";
                warnings.Add($"{shortfall} {reach}");
            }
        }

        if (p2 >= 1)
        {
            warnings.Add("The lift takes the treatment's rate to 100 % or more; choose a smaller lift.");
        }

        if (request.Treatments > 1)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{request.Treatments} treatments are each compared with the control at alpha {adjustedAlpha:0.####} (Bonferroni), which needs more customers per group than one treatment would."));
        }

        return new SampleSizePlan(p2, adjustedAlpha, perTreatment, control, testGroups, required, days, detectable, warnings);
    }

    /// <summary>
    /// Customers (not rounded) in a treatment with rate <paramref name="p2"/> to tell it from a control with rate
    /// <paramref name="p1"/> that has <paramref name="controlPerTreatment"/> customers per treatment customer.
    /// </summary>
    public static double PerGroup(double p1, double p2, double alpha, double power, double controlPerTreatment = 1)
    {
        var r = controlPerTreatment;
        var zAlpha = Normal.InvCDF(0, 1, 1 - (alpha / 2));
        var zPower = Normal.InvCDF(0, 1, power);
        var pBar = (p2 + (r * p1)) / (1 + r);
        var numerator = (zAlpha * Math.Sqrt(pBar * (1 - pBar) * (1 + (1 / r)))) + (zPower * Math.Sqrt((p2 * (1 - p2)) + (p1 * (1 - p1) / r)));
        return numerator * numerator / ((p2 - p1) * (p2 - p1));
    }

    /// <summary>The smallest relative lift that <paramref name="perGroup"/> customers per group detect (bisection; null above +1,000 %).</summary>
    public static double? DetectableLift(double p1, long perGroup, double alpha, double power, double controlPerTreatment = 1)
    {
        double low = 0, high = Math.Min(10, ((1 - 1e-9) / p1) - 1);
        if (PerGroup(p1, p1 * (1 + high), alpha, power, controlPerTreatment) > perGroup)
        {
            return null;
        }

        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            if (PerGroup(p1, p1 * (1 + mid), alpha, power, controlPerTreatment) > perGroup)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return high;
    }

    private static void Validate(SampleSizeRequest r)
    {
        Require(r.BaselineRate is > 0 and < 1, nameof(r.BaselineRate), "The baseline rate must lie between 0 and 1 (exclusive), e.g. 0.05 for 5 %.");
        Require(r.MinimumDetectableLift > 0, nameof(r.MinimumDetectableLift), "The minimum detectable lift must be positive, e.g. 0.1 for +10 %.");
        Require(r.Alpha is > 0 and < 1, nameof(r.Alpha), "Alpha must lie between 0 and 1, e.g. 0.05.");
        Require(r.Power is > 0 and < 1, nameof(r.Power), "Power must lie between 0 and 1, e.g. 0.8.");
        Require(r.Treatments >= 1, nameof(r.Treatments), "A test needs at least one treatment.");
        Require(r.HoldoutShare is >= 0 and < 1, nameof(r.HoldoutShare), "The holdout share must lie in [0, 1).");
        Require(r.Audience is null or >= 0, nameof(r.Audience), "The audience cannot be negative.");
        Require(r.DailyEligible is null or > 0, nameof(r.DailyEligible), "Daily eligible customers must be positive.");
        Require(r.ControlShare is null or (> 0 and < 1), nameof(r.ControlShare), "The control's share must lie between 0 and 1 (exclusive).");
        Require(r.SmallestTreatmentShare is null or (> 0 and < 1), nameof(r.SmallestTreatmentShare), "The smallest treatment's share must lie between 0 and 1 (exclusive).");
        Require(r.SmallestTreatmentShare is null || r.SmallestTreatmentShare * r.Treatments <= 1 - r.EffectiveControlShare + 1e-9,
            nameof(r.SmallestTreatmentShare), "The smallest treatment cannot be larger than an equal share of what the control leaves.");
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
