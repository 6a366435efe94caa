using System.Linq.Expressions;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Experiments.Outcomes;

/// <summary>
/// Sums a launched campaign's outcomes in the database, ready for the statistics engine: per variant, per variant and
/// RFM segment, per variant and country, the exposure funnel and a daily cumulative series. Six queries whatever the
/// audience size; every member row is reduced by GROUP BY in SQL, only the daily series is finished in memory.
/// </summary>
public sealed class ExperimentAggregates(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    /// <summary>The segment shown for members the profiling stage has not reached yet (e.g. customers imported since).</summary>
    public const string NoProfile = "No profile";

    private static readonly OutcomeSums Empty = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The campaign's outcomes, or null when it does not exist or has not launched.</summary>
    public async Task<CampaignOutcomes?> GetAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Variants)
            .SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign?.LaunchedAt is not { } launchedAt)
        {
            return null;
        }

        var window = new OutcomeWindow(campaignId, launchedAt, campaign.AttributionWindowDays);
        var queries = new OutcomeQueries(db, window);
        var totals = (await queries.ByVariant().ToListAsync(cancellationToken)).ToDictionary(r => r.VariantId);
        var variants = campaign.Variants.OrderBy(v => v.Id)
            .Select(v => new VariantOutcomeSums(v.Id, null, totals.TryGetValue(v.Id, out var row) ? row.ToSums() : Empty))
            .ToList();
        var bySegment = await queries.BySegment().ToListAsync(cancellationToken);
        var byCountry = await queries.ByCountry().ToListAsync(cancellationToken);
        var funnel = await queries.Funnel().ToListAsync(cancellationToken);
        var memberDays = await queries.MemberDays().ToListAsync(cancellationToken);

        var lastDay = DateOnly.FromDateTime(Min(window.End.AddTicks(-1), clock.GetUtcNow().UtcDateTime));
        return new CampaignOutcomes(
            campaignId,
            launchedAt,
            window.PreStart,
            variants,
            Grouped(bySegment),
            Grouped(byCountry),
            Funnel(variants, funnel),
            DailySeries.Accumulate(variants, memberDays, DateOnly.FromDateTime(launchedAt), lastDay));
    }

    /// <summary>The queries <see cref="GetAsync"/> runs, for checking that they translate on each provider.</summary>
    public static IReadOnlyList<IQueryable> Queries(DashboardDbContext db, int campaignId, DateTime launchedAt, int attributionWindowDays)
    {
        var queries = new OutcomeQueries(db, new OutcomeWindow(campaignId, launchedAt, attributionWindowDays));
        return [queries.ByVariant(), queries.BySegment(), queries.ByCountry(), queries.Funnel(), queries.MemberDays()];
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static List<VariantOutcomeSums> Grouped(IEnumerable<OutcomeRow> rows) =>
        rows.OrderBy(r => r.VariantId).ThenBy(r => r.Group, StringComparer.Ordinal)
            .Select(r => new VariantOutcomeSums(r.VariantId, r.Group, r.ToSums()))
            .ToList();

    private static List<VariantFunnel> Funnel(IEnumerable<VariantOutcomeSums> variants, List<FunnelRow> rows)
    {
        long Count(int variantId, ExposureKind kind) => rows.SingleOrDefault(r => r.VariantId == variantId && r.Kind == kind)?.Members ?? 0;
        return variants.Select(v => new VariantFunnel(v.VariantId,
                Count(v.VariantId, ExposureKind.Sent), Count(v.VariantId, ExposureKind.Delivered),
                Count(v.VariantId, ExposureKind.Opened), Count(v.VariantId, ExposureKind.Clicked)))
            .ToList();
    }

    /// <summary>The attribution window from launch, and the pre-period of the same length just before it (CUPED's covariate).</summary>
    private sealed record OutcomeWindow(int CampaignId, DateTime LaunchedAt, int Days)
    {
        public DateTime PreStart => LaunchedAt.AddDays(-Days);
        public DateTime End => LaunchedAt.AddDays(Days);
    }

    /// <summary>The SQL side, one LINQ query per result set.</summary>
    private sealed class OutcomeQueries(DashboardDbContext db, OutcomeWindow window)
    {
        public IQueryable<OutcomeRow> ByVariant() => Totals(Members(), m => new GroupKey { VariantId = m.VariantId, Group = null });

        public IQueryable<OutcomeRow> BySegment() => Totals(Members(), m => new GroupKey { VariantId = m.VariantId, Group = m.Segment });

        public IQueryable<OutcomeRow> ByCountry() => Totals(Members(), m => new GroupKey { VariantId = m.VariantId, Group = m.Country });

        /// <summary>
        /// Members reached at each stage, counted once each. Opens and clicks come from the exposures and from the e-mail
        /// events the shop front sends with the campaign id (whichever recorded them), so a channel that only reports
        /// events still fills the funnel, and one that reports both is not counted twice.
        /// </summary>
        public IQueryable<FunnelRow> Funnel()
        {
            var campaignId = window.CampaignId;
            var exposed = db.Exposures.Where(x => x.CampaignId == campaignId)
                .Select(x => new { x.VariantId, x.CustomerId, x.Kind });
            var fromEvents =
                from ev in db.Events
                where ev.CampaignId == campaignId && (ev.Type == EventType.EmailOpen || ev.Type == EventType.EmailClick)
                join entry in db.PromoListEntries.Where(e => e.CampaignId == campaignId) on ev.CustomerId equals (int?)entry.CustomerId
                select new { entry.VariantId, entry.CustomerId, Kind = ev.Type == EventType.EmailOpen ? ExposureKind.Opened : ExposureKind.Clicked };
            return exposed.Concat(fromEvents).Distinct()
                .GroupBy(x => new { x.VariantId, x.Kind })
                .Select(g => new FunnelRow { VariantId = g.Key.VariantId, Kind = g.Key.Kind, Members = g.LongCount() });
        }

        /// <summary>Attributed revenue per member and day: the daily series needs each member's running total.</summary>
        public IQueryable<MemberDay> MemberDays() =>
            db.Conversions.Where(c => c.CampaignId == window.CampaignId)
                .GroupBy(c => new { c.VariantId, c.CustomerId, c.ConvertedAt.Date })
                .Select(g => new MemberDay { VariantId = g.Key.VariantId, CustomerId = g.Key.CustomerId, Day = g.Key.Date, Revenue = g.Sum(c => c.Revenue) });

        /// <summary>
        /// One row per member: variant, current segment ("no profile" when the pipeline has not profiled them yet), country,
        /// their attributed orders and revenue and their purchases in the pre-period. The per-member totals
        /// are grouped subqueries left-joined to the promo list, so members without orders are there with 0.
        /// </summary>
        private IQueryable<MemberOutcome> Members()
        {
            var campaignId = window.CampaignId;
            var (preStart, launchedAt) = (window.PreStart, window.LaunchedAt);
            var attributed = db.Conversions.Where(c => c.CampaignId == campaignId)
                .GroupBy(c => c.CustomerId)
                .Select(g => new { CustomerId = g.Key, Orders = g.Count(), Revenue = g.Sum(c => c.Revenue) });
            var before = db.Orders
                .Where(o => o.Kind == OrderKind.Purchase && o.PlacedAt >= preStart && o.PlacedAt < launchedAt
                            && db.PromoListEntries.Any(e => e.CampaignId == campaignId && e.CustomerId == o.CustomerId))
                .GroupBy(o => o.CustomerId)
                .Select(g => new { CustomerId = g.Key, Revenue = g.Sum(o => (double)o.Total) });
            return from entry in db.PromoListEntries
                   where entry.CampaignId == campaignId
                   join customer in db.Customers on entry.CustomerId equals customer.Id
                   join profile in db.Profiles on entry.CustomerId equals profile.CustomerId into profiles
                   from profile in profiles.DefaultIfEmpty()
                   join post in attributed on entry.CustomerId equals post.CustomerId into posts
                   from post in posts.DefaultIfEmpty()
                   join pre in before on (int?)entry.CustomerId equals pre.CustomerId into pres
                   from pre in pres.DefaultIfEmpty()
                   select new MemberOutcome
                   {
                       VariantId = entry.VariantId,
                       Segment = profile == null ? NoProfile : profile.Segment,
                       Country = customer.Country,
                       // Scalars read through the outer joins (null when there is no row) translate inside the aggregates.
                       Orders = (int?)post.Orders ?? 0,
                       Revenue = (double?)post.Revenue ?? 0,
                       PreRevenue = (double?)pre.Revenue ?? 0,
                   };
        }

        private static IQueryable<OutcomeRow> Totals(IQueryable<MemberOutcome> members, Expression<Func<MemberOutcome, GroupKey>> key) =>
            members.GroupBy(key).Select(g => new OutcomeRow
            {
                VariantId = g.Key.VariantId,
                Group = g.Key.Group,
                Members = g.LongCount(),
                Converters = g.LongCount(m => m.Orders > 0),
                RevenueSum = g.Sum(m => m.Revenue),
                RevenueSumOfSquares = g.Sum(m => m.Revenue * m.Revenue),
                PreRevenueSum = g.Sum(m => m.PreRevenue),
                PreRevenueSumOfSquares = g.Sum(m => m.PreRevenue * m.PreRevenue),
                PrePostCrossSum = g.Sum(m => m.PreRevenue * m.Revenue),
            });
    }

    private sealed class MemberOutcome
    {
        public int VariantId { get; init; }
        public string? Segment { get; init; }
        public required string Country { get; init; }
        public int Orders { get; init; }
        public double Revenue { get; init; }
        public double PreRevenue { get; init; }
    }

    private sealed class GroupKey
    {
        public int VariantId { get; init; }
        public string? Group { get; init; }
    }

    private sealed class OutcomeRow
    {
        public int VariantId { get; init; }
        public string? Group { get; init; }
        public long Members { get; init; }
        public long Converters { get; init; }
        public double RevenueSum { get; init; }
        public double RevenueSumOfSquares { get; init; }
        public double PreRevenueSum { get; init; }
        public double PreRevenueSumOfSquares { get; init; }
        public double PrePostCrossSum { get; init; }

        public OutcomeSums ToSums() =>
            new(Members, Converters, RevenueSum, RevenueSumOfSquares, PreRevenueSum, PreRevenueSumOfSquares, PrePostCrossSum);
    }

    private sealed class FunnelRow
    {
        public int VariantId { get; init; }
        public ExposureKind Kind { get; init; }
        public long Members { get; init; }
    }
}
