using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments.Statistics;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Experiments;

/// <summary>Aggregates a campaign's members, exposures and conversions per variant in SQL, then tests each treatment against the control.</summary>
public sealed class CampaignReportService(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<CampaignReport?> GetAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Variants)
            .SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var members = await db.PromoListEntries.Where(e => e.CampaignId == campaignId)
            .GroupBy(e => e.VariantId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var exposed = await db.Exposures.Where(e => e.CampaignId == campaignId && e.Kind == ExposureKind.Sent)
            .GroupBy(e => e.VariantId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var conversions = await db.Conversions.Where(c => c.CampaignId == campaignId)
            .GroupBy(c => c.VariantId)
            .Select(g => new { g.Key, Converters = g.Select(c => c.CustomerId).Distinct().Count(), Orders = g.Count(), Revenue = g.Sum(c => c.Revenue) })
            .ToDictionaryAsync(x => x.Key, cancellationToken);

        var outcomes = campaign.Variants.OrderByDescending(v => v.IsControl).ThenBy(v => v.Id).Select(v =>
        {
            var converted = conversions.GetValueOrDefault(v.Id);
            return new VariantOutcome(
                v.Id, v.Name, v.IsControl, v.Strategy, v.TrafficShare,
                members.GetValueOrDefault(v.Id), exposed.GetValueOrDefault(v.Id),
                converted?.Converters ?? 0, converted?.Orders ?? 0, converted?.Revenue ?? 0);
        }).ToList();

        var control = outcomes.FirstOrDefault(o => o.IsControl);
        var comparisons = control is null || control.Members == 0
            ? []
            : outcomes.Where(o => !o.IsControl && o.Members > 0)
                .Select(o => new VariantComparison(o, TwoProportionZTest.Run(control.Members, control.Converters, o.Members, o.Converters)))
                .ToList();

        return new CampaignReport(campaign.Id, campaign.Name, campaign.Status, campaign.LaunchedAt, campaign.AttributionWindowDays, outcomes, comparisons);
    }
}
