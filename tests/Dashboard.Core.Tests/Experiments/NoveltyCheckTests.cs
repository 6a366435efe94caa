using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Experiments.Reports;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>
/// Two arms of 10,000 over 14 days; the control's first conversions come evenly, 140 in the first week and 140 in the
/// second. The z statistics and p-values were computed independently in Python (scipy.stats.norm.sf, two-sided) from the
/// multinomial variance (c₁²p₁ + c₂²p₂ − (c₁p₁ − c₂p₂)²)/n with c = 1/7 for both weeks.
/// </summary>
public sealed class NoveltyCheckTests
{
    private const int Control = 1, Treatment = 2;
    private static readonly DateOnly Launch = new(2026, 6, 1);

    [Fact]
    public void AnEdgeThatVanishesAfterTheFirstWeek_IsFlagged()
    {
        // Treatment 300 then 100: edge 2.2857 then -0.5714 per 1,000 a day, z = 7.6923, p = 1.4e-14.
        var warning = Assert.Single(Check(treatmentEarly: 300, treatmentTotal: 400));

        Assert.Equal(
            "Novelty: Personalized's edge over Best-sellers was 2.29 extra converters per 1,000 members a day in the first 7 days and -0.57 in the 7 days since (p < 0.001). It is fading, so do not expect the lift to last in a longer campaign.",
            warning);
    }

    [Fact]
    public void AModerateFade_IsFlaggedWithItsPValue()
    {
        // Treatment 190 then 130: edge 0.7143 then -0.1429, z = 2.4502, p = 0.014277.
        Assert.Contains("(p = 0.014)", Assert.Single(Check(treatmentEarly: 190, treatmentTotal: 320)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, 380)] // edge 0.857 then 0.571: z = 0.7785, p = 0.436, within noise
    [InlineData(210, 420)] // the same edge in both weeks
    [InlineData(160, 400)] // an edge that grows
    public void NoSignificantFade_IsNotFlagged(int treatmentEarly, int treatmentTotal) =>
        Assert.Empty(Check(treatmentEarly, treatmentTotal));

    [Fact]
    public void FewerThanTwoWeeks_CannotTell() =>
        Assert.Empty(NoveltyCheck.Warnings(Series(13, 300, 400), (Control, "Best-sellers"), [(Treatment, "Personalized")]));

    private static IReadOnlyList<string> Check(int treatmentEarly, int treatmentTotal) =>
        NoveltyCheck.Warnings(Series(14, treatmentEarly, treatmentTotal), (Control, "Best-sellers"), [(Treatment, "Personalized")]);

    /// <summary>Cumulative converters per day: each arm's early ones spread over days 1-7, the rest over the days after.</summary>
    private static List<DailyOutcomeSums> Series(int days, int treatmentEarly, int treatmentTotal) =>
    [
        .. Arm(Control, days, 140, 280),
        .. Arm(Treatment, days, treatmentEarly, treatmentTotal),
    ];

    private static IEnumerable<DailyOutcomeSums> Arm(int variantId, int days, int early, int total) =>
        Enumerable.Range(1, days).Select(day => new DailyOutcomeSums(
            Launch.AddDays(day - 1),
            variantId,
            10_000,
            day <= 7 ? early * day / 7 : early + ((total - early) * (day - 7) / (days - 7)),
            0,
            0));
}
