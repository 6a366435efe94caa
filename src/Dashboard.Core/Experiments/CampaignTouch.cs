using Dashboard.Core.Campaigns;
using Dashboard.Core.Persistence;

namespace Dashboard.Core.Experiments;

/// <summary>
/// The moment a campaign touched one of its members, which opens that member's attribution window for the campaign.
/// A treated member is touched by their <see cref="ExposureKind.Sent"/> exposure. A holdout member is never contacted,
/// so their touch is their assignment at launch (the promo-list entry's creation, the same instant as the treated
/// members' send): intent to treat, so that both arms open their windows at the same time and stay comparable.
/// Opens and clicks are not touches: only treated members can have them, so counting them would stretch the treated
/// windows past the holdout's and credit the treatment with orders the holdout could not have.
/// </summary>
internal sealed class CampaignTouch
{
    public int CampaignId { get; init; }
    public int VariantId { get; init; }
    public int CustomerId { get; init; }
    public DateTime TouchedAt { get; init; }

    /// <summary>The first instant after the window: orders at or after it are not the campaign's.</summary>
    public DateTime WindowEnd { get; init; }

    /// <summary>Every campaign's touches, whatever the campaign's status: a cancelled campaign's e-mails were still read.</summary>
    public static IQueryable<CampaignTouch> All(DashboardDbContext db)
    {
        var sent = db.Exposures.Where(x => x.Kind == ExposureKind.Sent)
            .Select(x => new { x.CampaignId, x.VariantId, x.CustomerId, TouchedAt = x.OccurredAt });
        var assignedToHoldout = db.PromoListEntries
            .Where(e => db.CampaignVariants.Any(v => v.Id == e.VariantId && v.Strategy == OfferStrategy.None))
            .Select(e => new { e.CampaignId, e.VariantId, e.CustomerId, TouchedAt = e.CreatedAt });
        return sent.Concat(assignedToHoldout)
            .Join(db.Campaigns, t => t.CampaignId, c => c.Id, (t, c) => new CampaignTouch
            {
                CampaignId = t.CampaignId,
                VariantId = t.VariantId,
                CustomerId = t.CustomerId,
                TouchedAt = t.TouchedAt,
                WindowEnd = t.TouchedAt.AddDays(c.AttributionWindowDays),
            });
    }
}
