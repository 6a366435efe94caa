using Dashboard.Core.Experiments.Planning;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>
/// Reference values from statsmodels 0.13.5 (Debian 12's python3-statsmodels):
/// <c>statsmodels.stats.proportion.samplesize_proportions_2indep_onetail(diff=p2 - p1, prop2=p1, power, ratio, alpha,
/// alternative='two-sided')</c>, where p1 is the control's rate and ratio the control's customers per treatment customer.
/// </summary>
public sealed class SampleSizePlannerTests
{
    [Theory]
    [InlineData(0.05, 0.10, 0.05, 0.8, 1.0, 31233.43794012997)]
    [InlineData(0.10, 0.20, 0.05, 0.9, 1.0, 5141.306183038059)]
    [InlineData(0.50, 0.50, 0.05, 0.9, 1.0, 76.70692845177747)]
    [InlineData(0.02, 0.25, 0.025, 0.8, 1.0, 16722.814716941495)]
    [InlineData(0.05, 0.10, 0.05, 0.8, 0.25, 78910.37796933766)]
    [InlineData(0.10, 0.20, 0.05, 0.9, 3.0, 3397.1429195790874)]
    public void PerGroup_MatchesStatsmodels(double p1, double lift, double alpha, double power, double ratio, double expected)
    {
        var actual = SampleSizePlanner.PerGroup(p1, p1 * (1 + lift), alpha, power, ratio);

        Assert.Equal(expected, actual, expected * 1e-9);
    }

    [Fact]
    public void Plan_RoundsUpPerGroup_AddsTheHoldout_AndCountsDays()
    {
        var plan = SampleSizePlanner.Plan(new SampleSizeRequest(0.10, 0.20, Power: 0.9, HoldoutShare: 0.10, DailyEligible: 1_000));

        Assert.Equal(5_142, plan.PerTreatment);
        Assert.Equal(5_142, plan.Control);
        Assert.Equal(10_284, plan.TestGroups);
        Assert.Equal(11_427, plan.RequiredAudience); // ceil(10,284 / 0.9)
        Assert.Equal(12, plan.DaysNeeded);
        Assert.Equal(0.12, plan.TreatmentRate, 12);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Plan_SplitsAlphaAmongSeveralTreatments()
    {
        // Two treatments: each comparison at alpha 0.025, the fourth statsmodels case above.
        var plan = SampleSizePlanner.Plan(new SampleSizeRequest(0.02, 0.25, Alpha: 0.05, Treatments: 2));

        Assert.Equal(0.025, plan.AdjustedAlpha, 12);
        Assert.Equal(16_723, plan.PerTreatment);
        Assert.Equal(3 * 16_723, plan.TestGroups);
        Assert.Contains(plan.Warnings, w => w.Contains("Bonferroni", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_WarnsWhenTheAudienceIsTooSmall_AndSaysWhatItCanDetect()
    {
        var plan = SampleSizePlanner.Plan(new SampleSizeRequest(0.05, 0.10, Audience: 20_000));

        var warning = Assert.Single(plan.Warnings);
        Assert.StartsWith("The audience of 20,000 is too small: 62,468 customers are needed (31,234 per treatment and 31,234 in the control).", warning, StringComparison.Ordinal);
        // 10,000 per group detect the lift at which the formula gives exactly 10,000.
        var lift = Assert.IsType<double>(plan.DetectableLiftWithAudience);
        Assert.Equal(10_000, SampleSizePlanner.PerGroup(0.05, 0.05 * (1 + lift), 0.05, 0.8), 1e-3);
        Assert.Contains($"can only detect a lift of {lift:P1}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SizesAnUnequalSplit_FromTheControlShare()
    {
        // A control of 20 % against one treatment of 80 %: 0.25 control customers per treatment customer (statsmodels case 5).
        var plan = SampleSizePlanner.Plan(new SampleSizeRequest(0.05, 0.10, ControlShare: 0.2));

        Assert.Equal(78_911, plan.PerTreatment);
        Assert.Equal(19_728, plan.Control); // ceil(78,911 x 0.25)
        Assert.Equal(78_911 + 19_728, plan.TestGroups);
    }

    [Fact]
    public void Plan_SizesUnequalTreatments_ForTheSmallestOne()
    {
        // Control 40 %, treatments 40 % and 20 % of the tested: the 20 % one must reach the size, with 2 control customers
        // per customer of it, at alpha 0.025 (two comparisons). statsmodels: samplesize_proportions_2indep_onetail(
        // diff=0.005, prop2=0.05, power=0.8, ratio=2, alpha=0.025, alternative='two-sided') = 28,173.33.
        var plan = SampleSizePlanner.Plan(new SampleSizeRequest(0.05, 0.10, Treatments: 2, ControlShare: 0.4, SmallestTreatmentShare: 0.2));

        Assert.Equal(28_174, plan.PerTreatment);
        Assert.Equal(56_348, plan.Control);
        Assert.Equal(140_870, plan.TestGroups); // 28,174 / 0.2
    }

    [Fact]
    public void Plan_HasNoWarning_WhenTheAudienceIsLargeEnough()
    {
        var plan = SampleSizePlanner.Plan(new SampleSizeRequest(0.05, 0.10, Audience: 100_000));

        Assert.Empty(plan.Warnings);
        Assert.True(plan.DetectableLiftWithAudience < 0.10);
    }

    [Theory]
    [InlineData(0.0, 0.1, "BaselineRate")]
    [InlineData(0.05, 0.0, "MinimumDetectableLift")]
    public void Plan_RejectsImpossibleInputs_NamingTheField(double baseline, double lift, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleSizePlanner.Plan(new SampleSizeRequest(baseline, lift)));

        Assert.Equal(field, error.ParamName);
    }
}
