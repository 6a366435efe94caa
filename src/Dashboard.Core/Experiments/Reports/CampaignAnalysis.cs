using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments.Analysis;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Experiments.Reports;

/// <summary>
/// A launched campaign's outcomes (<see cref="CampaignOutcomes"/>) and what the statistics engine makes of them:
/// the A/B test of the treatments against the control, on conversion and on revenue per member (CUPED-adjusted with
/// the pre-period), and, when there is a holdout, the incrementality of each contacted arm against it.
/// </summary>
/// <param name="BySegment">The conversion analysis within each RFM segment where every tested arm has members (exploratory: many comparisons).</param>
/// <param name="ByCountry">The same within each country.</param>
/// <param name="Sequential">
/// Whether the intervals and p-values are always-valid (confidence sequences): while the campaign runs, people look every
/// day, and a fixed-horizon test read daily finds "winners" far more often than alpha. Once it has completed, the one
/// final look is the fixed-horizon Welch test.
/// </param>
/// <param name="Timeline">Each treatment's chance to beat the control and always-valid p-value on each day since launch.</param>
public sealed record CampaignAnalysisResult(
    CampaignOutcomes Outcomes,
    ExperimentAnalysis Conversion,
    ExperimentAnalysis Revenue,
    ExperimentAnalysis? Incrementality,
    IReadOnlyList<GroupAnalysis> BySegment,
    IReadOnlyList<GroupAnalysis> ByCountry,
    bool Sequential,
    IReadOnlyList<TimelinePoint> Timeline,
    ReportVerdict Verdict);

/// <summary>One breakdown group (a segment or a country) and the conversion analysis of its members alone.</summary>
public sealed record GroupAnalysis(string Group, ExperimentAnalysis Conversion);

/// <summary>
/// Reads a campaign's sums from the database (<see cref="ExperimentAggregates"/>) and analyzes them with
/// <see cref="ExperimentAnalyzer"/>, the same engine the machine API and the CLI expose, so that the report page,
/// <c>POST /api/experiments/analyze</c> and <c>dashboard analyze</c> agree to the last digit.
/// </summary>
public sealed class CampaignAnalysis(IDbContextFactory<DashboardDbContext> contexts, ExperimentAggregates aggregates, TimeProvider clock)
{
    /// <summary>The analysis, or null when the campaign does not exist, has not launched, or has no control and treatment with members.</summary>
    public async Task<CampaignAnalysisResult?> GetAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        Campaign? campaign;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            campaign = await db.Campaigns.AsNoTracking().Include(c => c.Variants).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        }

        // The campaign is read once here and handed on, rather than read again by the aggregation.
        if (campaign?.LaunchedAt is not { } launchedAt || await aggregates.GetAsync(campaign, cancellationToken) is not { } outcomes)
        {
            return null;
        }

        var variants = campaign.Variants.OrderByDescending(v => v.IsControl).ThenBy(v => v.Id).ToList();

        var sums = outcomes.Variants.ToDictionary(v => v.VariantId, v => v.Sums);
        var tested = variants.Where(v => v.Strategy != OfferStrategy.None).ToList();
        if (tested.Count < 2 || tested.Any(v => sums[v.Id].Members == 0))
        {
            return null;
        }

        // The confidence sequences are tuned to the sample the test reaches: every member is assigned at launch.
        var tuning = (double)tested.Sum(v => sums[v.Id].Members);
        var completed = campaign.Status == CampaignStatus.Completed;
        double? sequential = completed ? null : tuning;
        var holdout = variants.FirstOrDefault(v => v.Strategy == OfferStrategy.None);
        var conversion = ExperimentAnalyzer.Analyze(Request(ExperimentAnalysisRequest.ProportionMetric, tested, sums, sequential));
        var campaignWarnings = new[] { ReportVerdict.TooEarly(launchedAt, campaign.AttributionWindowDays, clock.GetUtcNow().UtcDateTime, completed) }
            .OfType<string>()
            .Concat(NoveltyCheck.Warnings(outcomes.Daily, (tested[0].Id, tested[0].Name), [.. tested.Skip(1).Select(v => (v.Id, v.Name))]));
        return new CampaignAnalysisResult(
            outcomes,
            conversion,
            ExperimentAnalyzer.Analyze(Request(ExperimentAnalysisRequest.MeanMetric, tested, sums, sequential)),
            holdout is not null && sums[holdout.Id].Members > 0
                ? ExperimentAnalyzer.Analyze(Request(ExperimentAnalysisRequest.ProportionMetric, [holdout, .. tested], sums, sequential is null ? null : tuning + sums[holdout.Id].Members))
                : null,
            Breakdown(outcomes.BySegment, tested),
            Breakdown(outcomes.ByCountry, tested),
            Sequential: !completed,
            ReportTimeline.Build(outcomes.Daily, tested, tuning),
            ReportVerdict.From(conversion, campaignWarnings));
    }

    /// <summary>A breakdown group is analysed when every tested arm has at least this many members in it (a variance needs two).</summary>
    public const int MinGroupMembers = 2;

    private static List<GroupAnalysis> Breakdown(IReadOnlyList<VariantOutcomeSums> cells, IReadOnlyList<CampaignVariant> tested) =>
        [.. cells.GroupBy(c => c.Group ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Sums: g.ToDictionary(c => c.VariantId, c => c.Sums)))
            .Where(g => tested.All(v => g.Sums.TryGetValue(v.Id, out var s) && s.Members >= MinGroupMembers))
            .Select(g => new GroupAnalysis(g.Key, ExperimentAnalyzer.Analyze(Request(ExperimentAnalysisRequest.ProportionMetric, tested, g.Sums))))];

    /// <summary>
    /// One analysis over <paramref name="arms"/>, the first as the baseline. The planned split is the arms' traffic
    /// shares renormalised over them, so the sample-ratio test checks exactly the arms compared.
    /// </summary>
    /// <param name="sequentialTuning">The confidence sequences' tuning sample size for always-valid results; null for a fixed-horizon analysis.</param>
    public static ExperimentAnalysisRequest Request(string metric, IReadOnlyList<CampaignVariant> arms, IReadOnlyDictionary<int, OutcomeSums> sums, double? sequentialTuning = null)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(sums);
        var planned = arms.Sum(a => a.TrafficShare);
        var proportion = metric == ExperimentAnalysisRequest.ProportionMetric;
        return new ExperimentAnalysisRequest
        {
            Metric = metric,
            Sequential = sequentialTuning is not null,
            SequentialTuning = sequentialTuning ?? ExperimentAnalysisRequest.DefaultSequentialTuning,
            PlannedSplit = [.. arms.Select(a => a.TrafficShare / planned)],
            Variants = [.. arms.Select(a =>
            {
                var s = sums[a.Id];
                return proportion
                    ? new VariantInput { Name = a.Name, N = s.Members, Conversions = s.Converters }
                    : new VariantInput
                    {
                        Name = a.Name,
                        N = s.Members,
                        Sum = s.RevenueSum,
                        SumSquares = s.RevenueSumOfSquares,
                        PreSum = s.PreRevenueSum,
                        PreSumSquares = s.PreRevenueSumOfSquares,
                        PreCrossSum = s.PrePostCrossSum,
                    };
            })],
        };
    }
}
