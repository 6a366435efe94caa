using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Campaigns.Audiences;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// What a manager fills in to create or edit a draft campaign. <see cref="Variants"/> lists the control first, then one
/// or more treatments; an optional holdout receives nothing, so the report can show what contacting people added at all.
/// Data annotations cover single fields; <see cref="Validation.CampaignRules"/> and <see cref="VariantPlan"/> check the rules across
/// fields, and <see cref="Validation.CampaignReadiness"/> the ones that need the data.
/// </summary>
public sealed class CampaignDraft
{
    [Required, StringLength(200, MinimumLength = 3)]
    public string Name { get; set; } = "";

    [StringLength(2000)]
    public string? Description { get; set; }

    public CampaignObjective Objective { get; set; } = CampaignObjective.Conversion;
    public CampaignChannel Channel { get; set; } = CampaignChannel.Email;
    public PrimaryMetric PrimaryMetric { get; set; } = PrimaryMetric.ConversionRate;

    [Range(1, 90)]
    public int AttributionWindowDays { get; set; } = 14;

    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }

    [Range(typeof(decimal), "0", "100000000")]
    public decimal? Budget { get; set; }

    [Range(typeof(decimal), "0", "1000")]
    public decimal CostPerContact { get; set; }

    public CampaignOffer Offer { get; set; } = new();

    public AudienceRules Audience { get; set; } = new();

    /// <summary>The saved audience the rules were loaded from, if any (the campaign keeps its own copy either way).</summary>
    public int? SavedAudienceId { get; set; }

    /// <summary>Control first; the shares are relative weights of the contacted part (what the holdout leaves).</summary>
    public List<VariantDraft> Variants { get; set; } = VariantDraft.ControlAndPersonalized();

    /// <summary>Share of the audience held out (no contact, no offer); the variants split the rest.</summary>
    [Range(0, 0.5)]
    public double HoldoutShare { get; set; }

    [Range(1, 20)]
    public int ProductCount { get; set; } = 5;
}

/// <summary>One arm of the test as the form edits it.</summary>
public sealed class VariantDraft
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string Name { get; set; } = "";

    public OfferStrategy Strategy { get; set; } = OfferStrategy.Personalized;

    /// <summary>For a personalized variant: the recommender version to use; null follows the champion at launch.</summary>
    public int? ModelVersionId { get; set; }

    /// <summary>Relative weight among the variants (normalised over them at creation).</summary>
    [Range(0.01, 100)]
    public double Share { get; set; } = 1;

    public static List<VariantDraft> ControlAndPersonalized() =>
    [
        new() { Name = "Control: best-sellers", Strategy = OfferStrategy.BestSellers },
        new() { Name = "Treatment: personalized", Strategy = OfferStrategy.Personalized },
    ];
}
