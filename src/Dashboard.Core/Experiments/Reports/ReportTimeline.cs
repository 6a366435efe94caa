using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments.Analysis;
using Dashboard.Core.Experiments.Outcomes;

namespace Dashboard.Core.Experiments.Reports;

/// <summary>One treatment's conversion readout at the end of one day since launch.</summary>
/// <param name="ChanceToWin">The posterior probability that it beats the control (flat prior), null while the control has no conversions.</param>
/// <param name="AlwaysValidPValue">The confidence sequence's p-value: unlike a fixed-horizon one, it may be read on any day.</param>
public sealed record TimelinePoint(DateOnly Day, int VariantId, string Arm, double? ChanceToWin, double? AlwaysValidPValue);

/// <summary>
/// The conversion analysis replayed on each day's cumulative sums, always sequential: the report is looked at daily, and
/// a p-value that dips below 0.05 on one day of many means little unless it is always valid.
/// </summary>
internal static class ReportTimeline
{
    public static List<TimelinePoint> Build(IReadOnlyList<DailyOutcomeSums> daily, IReadOnlyList<CampaignVariant> tested, double sequentialTuning)
    {
        var points = new List<TimelinePoint>();
        foreach (var day in daily.GroupBy(d => d.Day).OrderBy(g => g.Key))
        {
            var sums = day.ToDictionary(d => d.VariantId, d => new OutcomeSums(d.Members, d.Converters, d.RevenueSum, d.RevenueSumOfSquares, 0, 0, 0));
            if (tested.Any(v => !sums.TryGetValue(v.Id, out var s) || s.Members == 0))
            {
                continue;
            }

            var analysis = ExperimentAnalyzer.Analyze(CampaignAnalysis.Request(ExperimentAnalysisRequest.ProportionMetric, tested, sums, sequentialTuning));
            points.AddRange(tested.Skip(1).Zip(analysis.Variants.Skip(1), (variant, arm) =>
                new TimelinePoint(day.Key, variant.Id, arm.Name, arm.ChanceToWin, arm.AbsolutePValue)));
        }

        return points;
    }
}
