using System.Text.Json;
using Dashboard.Core.Campaigns.Audiences;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// Turns a saved campaign back into the form's draft, and tells which parts of it (<see cref="CampaignChanges"/>) an edited
/// draft changes, so that the lifecycle can allow or refuse the edit part by part.
/// </summary>
public static class CampaignEdits
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CampaignDraft ToDraft(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var arms = campaign.Variants.Where(v => v.Strategy != OfferStrategy.None).OrderBy(v => v.Id).ToList();
        return new CampaignDraft
        {
            Name = campaign.Name,
            Description = campaign.Description,
            Objective = campaign.Objective,
            Channel = campaign.Channel,
            PrimaryMetric = campaign.PrimaryMetric,
            AttributionWindowDays = campaign.AttributionWindowDays,
            StartsAt = campaign.StartsAt,
            EndsAt = campaign.EndsAt,
            Budget = campaign.Budget,
            CostPerContact = campaign.CostPerContact,
            Offer = new CampaignOffer
            {
                Discount = campaign.Offer.Discount,
                DiscountValue = campaign.Offer.DiscountValue,
                CouponPattern = campaign.Offer.CouponPattern,
                MinimumOrder = campaign.Offer.MinimumOrder,
                EligibleCategories = [.. campaign.Offer.EligibleCategories],
                EligibleSkus = [.. campaign.Offer.EligibleSkus],
            },
            Audience = AudienceRules.Of(campaign.Audience),
            // Weights in percent of the contacted part, as the form shows them.
            Variants = [.. arms.Select(v => new VariantDraft
            {
                Name = v.Name,
                Strategy = v.Strategy,
                ModelVersionId = v.ModelVersionId,
                Share = Math.Round(100 * v.TrafficShare / arms.Sum(a => a.TrafficShare), 6),
            })],
            HoldoutShare = campaign.Variants.Where(v => v.Strategy == OfferStrategy.None).Sum(v => v.TrafficShare),
            ProductCount = arms.Select(v => v.ProductCount).DefaultIfEmpty(5).Max(),
        };
    }

    /// <summary>The parts of <paramref name="campaign"/> that saving <paramref name="draft"/> would change.</summary>
    public static CampaignChanges Changes(Campaign campaign, CampaignDraft draft)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(draft);
        var current = ToDraft(campaign);
        var changes = CampaignChanges.None;
        if (Differ(Details(current), Details(draft)))
        {
            changes |= CampaignChanges.Details;
        }

        if (Differ(Audience(current), Audience(draft)))
        {
            changes |= CampaignChanges.Audience;
        }

        if (Differ(Arms(current), Arms(draft)))
        {
            changes |= CampaignChanges.Variants;
        }

        if (Differ(Plan(current), Plan(draft)))
        {
            changes |= CampaignChanges.Plan;
        }

        return changes;
    }

    private static object Details(CampaignDraft d) => new { Name = d.Name.Trim(), Description = d.Description ?? "", d.Objective };

    private static object Audience(CampaignDraft d) => new { Rules = d.Audience.ToJson(), d.Channel };

    // Weights compare as shares of the audience, so 1:1 and 50:50 are the same split.
    private static object Arms(CampaignDraft d) => new
    {
        Shares = VariantPlan.AudienceShares(d.Variants, d.HoldoutShare).Select(s => Math.Round(s, 6)).ToList(),
        Arms = d.Variants.Select(v => new { Name = v.Name.Trim(), v.Strategy, v.ModelVersionId }).ToList(),
        Holdout = Math.Round(d.HoldoutShare, 6),
        d.ProductCount,
    };

    private static object Plan(CampaignDraft d) => new { d.StartsAt, d.EndsAt, d.Budget, d.CostPerContact, d.Offer, d.PrimaryMetric, d.AttributionWindowDays };

    private static bool Differ(object a, object b) => JsonSerializer.Serialize(a, Json) != JsonSerializer.Serialize(b, Json);
}
