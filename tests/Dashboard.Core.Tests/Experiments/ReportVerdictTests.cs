using System.Globalization;
using Dashboard.Core.Experiments.Analysis;
using Dashboard.Core.Experiments.Reports;

namespace Dashboard.Core.Tests.Experiments;

public sealed class ReportVerdictTests
{
    private static readonly DateTime Launch = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ClearWinner_IsNamedWithItsLiftAndInterval()
    {
        var analysis = Conversion((1000, 100), (1000, 150));

        var verdict = ReportVerdict.From(analysis, []);

        Assert.Equal(VerdictTone.Winner, verdict.Tone);
        var lift = analysis.Variants[1];
        Assert.Equal(0.5, lift.RelativeLift!.Value, 12);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"Treatment wins: +50.0 %, 95 % CI [{lift.RelativeCi![0]:0.0 %}, {lift.RelativeCi[1]:0.0 %}] conversion against Control."),
            verdict.Headline);
        Assert.Empty(verdict.Warnings);
    }

    [Fact]
    public void SmallDifference_IsNotAWinner_AndSaysTheArmsAreTooSmallToFindTenPercent()
    {
        var tooEarly = ReportVerdict.TooEarly(Launch, 14, Launch.AddDays(3), completed: false)!;

        var verdict = ReportVerdict.From(Conversion((1000, 100), (1000, 105)), [tooEarly]);

        Assert.Equal(VerdictTone.Inconclusive, verdict.Tone);
        Assert.StartsWith("No clear winner yet: Treatment is at +5.0 %", verdict.Headline, StringComparison.Ordinal);
        // 1,000 per arm at 10 % detect +40.7 % with 80 % power at alpha 0.05 (statsmodels 0.14:
        // brentq(lambda l: samplesize_proportions_2indep_onetail(0.1 * l, 0.1, 0.8, ratio=1, alpha=0.05,
        // alternative='two-sided') - 1000, 0.01, 5) = 0.40745).
        Assert.Equal(
            [
                "Too early: 3 of 14 days of the attribution window have passed, so conversions are still coming in.",
                "Underpowered: with 1,000 members in the smallest treatment and the control converting at 10.0 %, the test finds only lifts of +40.7 % or more 80 % of the time; a real lift of +10 % would most likely read as no clear winner.",
            ],
            verdict.Warnings);
    }

    [Fact]
    public void TooEarly_OnlyInsideTheWindowOfACampaignThatHasNotCompleted()
    {
        Assert.NotNull(ReportVerdict.TooEarly(Launch, 14, Launch.AddDays(13.9), completed: false));
        Assert.Null(ReportVerdict.TooEarly(Launch, 14, Launch.AddDays(3), completed: true));
        Assert.Null(ReportVerdict.TooEarly(Launch, 14, Launch.AddDays(14), completed: false));
    }

    [Fact]
    public void LargeArms_AreNotUnderpowered()
    {
        // 20,000 per arm at 10 % detect about +8.5 %, below the +10 % worth finding.
        Assert.Null(ReportVerdict.Underpowered(Conversion((20_000, 2000), (20_000, 2010))));
        Assert.NotNull(ReportVerdict.Underpowered(Conversion((10_000, 1000), (10_000, 1010))));
    }

    [Fact]
    public void SampleRatioMismatch_OverridesAWinner()
    {
        // Planned 50/50, observed 1,000 against 1,300: chi-square 39.1 on 1 degree of freedom, p far below 0.001.
        var verdict = ReportVerdict.From(Conversion((1000, 100), (1300, 200)), []);

        Assert.Equal(VerdictTone.Invalid, verdict.Tone);
        Assert.Contains("sample ratio mismatch", verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearLoser_IsNamed()
    {
        var verdict = ReportVerdict.From(Conversion((1000, 150), (1000, 100)), []);

        Assert.Equal(VerdictTone.Loser, verdict.Tone);
        Assert.StartsWith("Treatment does worse: -33.3 %", verdict.Headline, StringComparison.Ordinal);
    }

    private static ExperimentAnalysis Conversion((long N, long Conversions) control, (long N, long Conversions) treatment) =>
        ExperimentAnalyzer.Analyze(new ExperimentAnalysisRequest
        {
            Metric = ExperimentAnalysisRequest.ProportionMetric,
            PlannedSplit = [0.5, 0.5],
            Variants =
            [
                new VariantInput { Name = "Control", N = control.N, Conversions = control.Conversions },
                new VariantInput { Name = "Treatment", N = treatment.N, Conversions = treatment.Conversions },
            ],
        });
}
