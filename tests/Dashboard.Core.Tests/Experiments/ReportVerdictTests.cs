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

        var verdict = ReportVerdict.From(analysis, Launch, 14, Launch.AddDays(20));

        Assert.Equal(VerdictTone.Winner, verdict.Tone);
        var lift = analysis.Variants[1];
        Assert.Equal(0.5, lift.RelativeLift!.Value, 12);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"Treatment wins: +50.0 %, 95 % CI [{lift.RelativeCi![0]:0.0 %}, {lift.RelativeCi[1]:0.0 %}] conversion against Control."),
            verdict.Headline);
        Assert.Empty(verdict.Warnings);
    }

    [Fact]
    public void SmallDifference_IsNotAWinner_AndEarlyResultsSaySo()
    {
        var verdict = ReportVerdict.From(Conversion((1000, 100), (1000, 105)), Launch, 14, Launch.AddDays(3));

        Assert.Equal(VerdictTone.Inconclusive, verdict.Tone);
        Assert.StartsWith("No clear winner yet: Treatment is at +5.0 %", verdict.Headline, StringComparison.Ordinal);
        Assert.Contains("Too early: 3 of 14 days of the attribution window have passed, so conversions are still coming in.", verdict.Warnings);
        Assert.Empty(ReportVerdict.From(Conversion((1000, 100), (1000, 105)), Launch, 14, Launch.AddDays(3), completed: true).Warnings);
    }

    [Fact]
    public void SampleRatioMismatch_OverridesAWinner()
    {
        // Planned 50/50, observed 1,000 against 1,300: chi-square 39.1 on 1 degree of freedom, p far below 0.001.
        var verdict = ReportVerdict.From(Conversion((1000, 100), (1300, 200)), Launch, 14, Launch.AddDays(20));

        Assert.Equal(VerdictTone.Invalid, verdict.Tone);
        Assert.Contains("sample ratio mismatch", verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void ClearLoser_IsNamed()
    {
        var verdict = ReportVerdict.From(Conversion((1000, 150), (1000, 100)), Launch, 14, Launch.AddDays(20));

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
