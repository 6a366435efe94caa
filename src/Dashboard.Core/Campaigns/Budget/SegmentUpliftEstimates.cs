using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Budget;

/// <summary>
/// What a campaign's audience is worth per RFM segment, for the budget allocation: members and expected value from the
/// current profiles, and the uplift that completed campaigns with a holdout measured in each segment. Every sum is a
/// GROUP BY in SQL; only one row per segment (and per segment and campaign for the evidence) comes back.
/// </summary>
public sealed class SegmentUpliftEstimates(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    /// <summary>The audience's segments, best first; null when the campaign does not exist or has no audience.</summary>
    public async Task<AudienceSegments?> ForCampaignAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Audience).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign?.Audience is null)
        {
            return null;
        }

        var rules = AudienceRules.FromJson(campaign.Audience.RulesJson);
        var members = await AudienceQuery.CustomerIdsAsync(db, rules, campaign.Channel, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var audience = await members.CountAsync(cancellationToken);
        var segments = await db.Profiles.Where(p => members.Contains(p.CustomerId))
            .GroupBy(p => p.Segment)
            .Select(g => new
            {
                Segment = g.Key,
                Members = g.Count(),
                WithoutValue = g.Count(p => p.ExpectedValue90d == null),
                ExpectedValue = g.Sum(p => p.ExpectedValue90d ?? 0),
            })
            .ToListAsync(cancellationToken);
        var measured = HoldoutLift.PerSegment(await HoldoutComparisonsAsync(db, cancellationToken));

        var rank = RfmScoring.Segments.Select((s, i) => (s.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        return new AudienceSegments(audience, [.. segments
            .OrderBy(s => rank.GetValueOrDefault(s.Segment, int.MaxValue)).ThenBy(s => s.Segment, StringComparer.Ordinal)
            .Select(s => new SegmentEstimate(s.Segment, s.Members, s.WithoutValue, s.ExpectedValue, measured.GetValueOrDefault(s.Segment)))]);
    }

    /// <summary>
    /// Per completed campaign with a holdout and per segment: the contacted members (any variant that offers something)
    /// against the held-out ones, with their attributed revenue. Segments are today's, so the evidence describes the
    /// customers the segment holds now.
    /// </summary>
    private static async Task<IReadOnlyList<HoldoutComparison>> HoldoutComparisonsAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var measurable = db.Campaigns
            .Where(c => c.Status == CampaignStatus.Completed && c.Variants.Any(v => v.Strategy == OfferStrategy.None))
            .Select(c => c.Id);
        var members = await (
                from entry in db.PromoListEntries
                join variant in db.CampaignVariants on entry.VariantId equals variant.Id
                join profile in db.Profiles on entry.CustomerId equals profile.CustomerId
                where measurable.Contains(entry.CampaignId)
                group entry by new { entry.CampaignId, profile.Segment, Treated = variant.Strategy != OfferStrategy.None } into g
                select new { g.Key.CampaignId, g.Key.Segment, g.Key.Treated, Members = g.Count() })
            .ToDictionaryAsync(m => (m.CampaignId, m.Segment, m.Treated), m => m.Members, cancellationToken);
        var revenue = await (
                from conversion in db.Conversions
                join variant in db.CampaignVariants on conversion.VariantId equals variant.Id
                join profile in db.Profiles on conversion.CustomerId equals profile.CustomerId
                where measurable.Contains(conversion.CampaignId)
                group conversion by new { conversion.CampaignId, profile.Segment, Treated = variant.Strategy != OfferStrategy.None } into g
                select new { g.Key.CampaignId, g.Key.Segment, g.Key.Treated, Revenue = g.Sum(c => c.Revenue) })
            .ToDictionaryAsync(r => (r.CampaignId, r.Segment, r.Treated), r => r.Revenue, cancellationToken);

        // A group with no members in the segment comes back as 0 members, which the minimum group size leaves out.
        GroupRevenue Group(int campaignId, string segment, bool treated) =>
            new(members.GetValueOrDefault((campaignId, segment, treated)), revenue.GetValueOrDefault((campaignId, segment, treated)));

        return [.. members.Keys.Select(k => (k.CampaignId, k.Segment)).Distinct()
            .Select(k => new HoldoutComparison(k.CampaignId, k.Segment, Group(k.CampaignId, k.Segment, true), Group(k.CampaignId, k.Segment, false)))];
    }
}
