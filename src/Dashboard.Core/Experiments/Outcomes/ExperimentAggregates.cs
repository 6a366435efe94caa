using Dashboard.Core.Campaigns;
using Dashboard.Core.Events;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Experiments.Outcomes;

/// <summary>
/// Sums a launched campaign's outcomes in the database, ready for the statistics engine: per variant, per variant and
/// RFM segment, per variant and country (both as at launch, kept on the promo list), the exposure funnel and a daily
/// cumulative series. Five queries whatever the audience size: the members and their pre-period sums per (variant,
/// segment, country) cell in one read of the promo list's covering index, the buyers' sums per cell, the funnel, the
/// attributed orders of the series (and the campaign); every member row is reduced by GROUP BY in SQL, and the totals,
/// the breakdowns and the series are rolled up from those rows and the orders in memory.
/// </summary>
public sealed class ExperimentAggregates(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    /// <summary>The segment shown for members the profiling stage had not reached at launch (e.g. customers imported just before).</summary>
    public const string NoProfile = "No profile";

    private static readonly OutcomeSums Empty = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The campaign's outcomes, or null when it does not exist or has not launched.</summary>
    public async Task<CampaignOutcomes?> GetAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        Campaign? campaign;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            campaign = await db.Campaigns.AsNoTracking().Include(c => c.Variants)
                .SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        }

        return campaign is null ? null : await GetAsync(campaign, cancellationToken);
    }

    /// <summary>The same for a campaign the caller has already read, with its variants.</summary>
    public async Task<CampaignOutcomes?> GetAsync(Campaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.LaunchedAt is not { } launchedAt)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var window = new OutcomeWindow(campaign.Id, launchedAt, campaign.AttributionWindowDays);
        var queries = new OutcomeQueries(db, window);
        var cells = Cells(
            await queries.MemberCells().ToListAsync(cancellationToken),
            await queries.BuyerCells().ToListAsync(cancellationToken));
        var variants = campaign.Variants.OrderBy(v => v.Id)
            .Select(v => new VariantOutcomeSums(v.Id, null, Total(cells.Where(c => c.VariantId == v.Id))))
            .ToList();
        var bySegment = RollUp(cells, c => c.Segment);
        var byCountry = RollUp(cells, c => c.Country);
        var funnel = await queries.Funnel().ToListAsync(cancellationToken);
        var attributed = await queries.AttributedRevenue().ToListAsync(cancellationToken);

        // A completed campaign's series runs to the end of its window (its outcomes are in); a running one's to today.
        var lastDay = DateOnly.FromDateTime(campaign.Status == CampaignStatus.Completed
            ? window.End.AddTicks(-1)
            : Min(window.End.AddTicks(-1), clock.GetUtcNow().UtcDateTime));
        return new CampaignOutcomes(
            campaign.Id,
            launchedAt,
            window.PreStart,
            variants,
            bySegment,
            byCountry,
            Funnel(variants, funnel),
            DailySeries.Accumulate(variants, attributed, DateOnly.FromDateTime(launchedAt), lastDay));
    }

    /// <summary>The queries <see cref="GetAsync"/> runs, for checking that they translate on each provider.</summary>
    public static IReadOnlyList<IQueryable> Queries(DashboardDbContext db, int campaignId, DateTime launchedAt, int attributionWindowDays)
    {
        var queries = new OutcomeQueries(db, new OutcomeWindow(campaignId, launchedAt, attributionWindowDays));
        return [queries.MemberCells(), queries.BuyerCells(), queries.Funnel(), queries.AttributedRevenue()];
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>
    /// Every (variant, segment, country) cell with its members' and its buyers' sums. Sums over members add up across
    /// cells (members without attributed orders add nothing to the post-launch sums), so the per-variant totals and both
    /// breakdowns are rolled up from these cells in memory instead of scanning the promo list three times.
    /// </summary>
    private static List<Cell> Cells(List<CellRow> members, List<CellRow> buyers)
    {
        var bought = buyers.ToDictionary(b => (b.VariantId, b.Segment, b.Country), b => b.Sums);
        return [.. members.Select(m => new Cell(m.VariantId, m.Segment, m.Country,
            Add(m.Sums, bought.GetValueOrDefault((m.VariantId, m.Segment, m.Country), Empty))))];
    }

    private static List<VariantOutcomeSums> RollUp(IEnumerable<Cell> cells, Func<Cell, string> group) =>
        cells.GroupBy(c => (c.VariantId, Group: group(c)))
            .OrderBy(g => g.Key.VariantId).ThenBy(g => g.Key.Group, StringComparer.Ordinal)
            .Select(g => new VariantOutcomeSums(g.Key.VariantId, g.Key.Group, Total(g)))
            .ToList();

    private static OutcomeSums Total(IEnumerable<Cell> cells) => cells.Select(c => c.Sums).Aggregate(Empty, Add);

    private static OutcomeSums Add(OutcomeSums a, OutcomeSums b) => new(
        a.Members + b.Members,
        a.Converters + b.Converters,
        a.RevenueSum + b.RevenueSum,
        a.RevenueSumOfSquares + b.RevenueSumOfSquares,
        a.PreRevenueSum + b.PreRevenueSum,
        a.PreRevenueSumOfSquares + b.PreRevenueSumOfSquares,
        a.PrePostCrossSum + b.PrePostCrossSum);

    private static List<VariantFunnel> Funnel(IEnumerable<VariantOutcomeSums> variants, List<FunnelRow> rows)
    {
        long Count(int variantId, ExposureKind kind) => rows.Where(r => r.VariantId == variantId && r.Kind == kind).Sum(r => r.Members);
        return variants.Select(v => new VariantFunnel(v.VariantId,
                Count(v.VariantId, ExposureKind.Sent), Count(v.VariantId, ExposureKind.Delivered),
                Count(v.VariantId, ExposureKind.Opened), Count(v.VariantId, ExposureKind.Clicked)))
            .ToList();
    }

    /// <summary>The attribution window from launch, and the pre-period of the same length just before it (CUPED's covariate).</summary>
    private sealed record OutcomeWindow(int CampaignId, DateTime LaunchedAt, int Days)
    {
        public DateTime PreStart => MemberAtLaunch.PrePeriodStart(LaunchedAt, Days);
        public DateTime End => LaunchedAt.AddDays(Days);
    }

    /// <summary>The SQL side, one LINQ query per result set.</summary>
    private sealed class OutcomeQueries(DashboardDbContext db, OutcomeWindow window)
    {
        /// <summary>Members and their pre-period sums per (variant, segment, country): the one read of the whole promo list.</summary>
        public IQueryable<CellRow> MemberCells() =>
            Entries().GroupBy(e => new { e.VariantId, e.Segment, e.Country }).Select(g => new CellRow
            {
                VariantId = g.Key.VariantId,
                Segment = g.Key.Segment ?? NoProfile,
                Country = g.Key.Country,
                Members = g.LongCount(),
                PreRevenueSum = g.Sum(e => e.PreRevenue),
                PreRevenueSumOfSquares = g.Sum(e => e.PreRevenue * e.PreRevenue),
            });

        /// <summary>
        /// The post-launch sums per cell over the members with attributed orders (everyone else adds 0 to them), driven
        /// from the campaign's conversions, a few percent of the list: each is joined to its entry, then summed per member
        /// (squares need the member's total), then per cell. Written as one join rather than a join to the conversions
        /// already grouped per member, because SQLite without statistics (ANALYZE is never run) read that the other way
        /// round: the whole promo list, probing the grouped conversions (1.3 s instead of 0.1 s for a million members).
        /// </summary>
        public IQueryable<CellRow> BuyerCells() =>
            from buyer in
                from conversion in db.Conversions.Where(c => c.CampaignId == window.CampaignId)
                join entry in Entries() on conversion.CustomerId equals entry.CustomerId
                group conversion.Revenue by new { entry.CustomerId, entry.VariantId, entry.Segment, entry.Country, entry.PreRevenue } into member
                select new { member.Key.VariantId, member.Key.Segment, member.Key.Country, member.Key.PreRevenue, Revenue = member.Sum() }
            group buyer by new { buyer.VariantId, buyer.Segment, buyer.Country } into g
            select new CellRow
            {
                VariantId = g.Key.VariantId,
                Segment = g.Key.Segment ?? NoProfile,
                Country = g.Key.Country,
                Converters = g.LongCount(),
                RevenueSum = g.Sum(m => m.Revenue),
                RevenueSumOfSquares = g.Sum(m => m.Revenue * m.Revenue),
                PrePostCrossSum = g.Sum(m => m.PreRevenue * m.Revenue),
            };

        /// <summary>
        /// Members reached at each stage, counted once each, in two disjoint parts that add up: the members each exposure
        /// kind recorded, and for opens and clicks, those known only from the e-mail events the shop front sends with the
        /// campaign id. So a channel that only reports events still fills the funnel, one that reports both is not counted
        /// twice, and the exposures (most of the rows) are counted on their index without being merged with the events.
        /// </summary>
        public IQueryable<FunnelRow> Funnel()
        {
            var campaignId = window.CampaignId;
            var exposures = db.Exposures.Where(x => x.CampaignId == campaignId);
            var recorded = exposures
                .GroupBy(x => new { x.VariantId, x.Kind })
                .Select(g => new FunnelRow { VariantId = g.Key.VariantId, Kind = g.Key.Kind, Members = g.Select(x => x.CustomerId).Distinct().LongCount() });
            // An exposure has its member's variant, so "no exposure of this kind" needs no variant: one seek on (campaign,
            // kind, customer) per event; only the few members left are looked up in the promo list for their variant.
            var onlyAsEvents =
                from ev in db.Events
                where ev.CampaignId == campaignId && (ev.Type == EventType.EmailOpen || ev.Type == EventType.EmailClick)
                let kind = ev.Type == EventType.EmailOpen ? ExposureKind.Opened : ExposureKind.Clicked
                where !exposures.Any(x => x.Kind == kind && x.CustomerId == ev.CustomerId)
                join entry in Entries() on ev.CustomerId equals (int?)entry.CustomerId
                group entry.CustomerId by new { entry.VariantId, Kind = kind } into g
                select new FunnelRow { VariantId = g.Key.VariantId, Kind = g.Key.Kind, Members = g.Distinct().LongCount() };
            return recorded.Concat(onlyAsEvents);
        }

        /// <summary>The campaign's attributed orders, for the daily series (each member's running total).</summary>
        public IQueryable<AttributedRevenue> AttributedRevenue() =>
            db.Conversions.Where(c => c.CampaignId == window.CampaignId)
                .Select(c => new AttributedRevenue { VariantId = c.VariantId, CustomerId = c.CustomerId, ConvertedAt = c.ConvertedAt, Revenue = c.Revenue });

        private IQueryable<PromoListEntry> Entries() => db.PromoListEntries.Where(e => e.CampaignId == window.CampaignId);
    }

    /// <summary>One (variant, segment, country) cell as SQL returns it: the members' sums, or the buyers' (the others are 0).</summary>
    private sealed class CellRow
    {
        public int VariantId { get; init; }
        public required string Segment { get; init; }
        public required string Country { get; init; }
        public long Members { get; init; }
        public long Converters { get; init; }
        public double RevenueSum { get; init; }
        public double RevenueSumOfSquares { get; init; }
        public double PreRevenueSum { get; init; }
        public double PreRevenueSumOfSquares { get; init; }
        public double PrePostCrossSum { get; init; }

        public OutcomeSums Sums => new(Members, Converters, RevenueSum, RevenueSumOfSquares, PreRevenueSum, PreRevenueSumOfSquares, PrePostCrossSum);
    }

    private sealed record Cell(int VariantId, string Segment, string Country, OutcomeSums Sums);

    private sealed class FunnelRow
    {
        public int VariantId { get; init; }
        public ExposureKind Kind { get; init; }
        public long Members { get; init; }
    }
}
