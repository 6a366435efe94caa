using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// What a manager fills in to create a campaign: control (best-sellers) vs personalized treatment, with an optional
/// holdout that receives nothing, so the report can show what contacting people added at all.
/// </summary>
public sealed class CampaignDraft
{
    [Required, StringLength(200, MinimumLength = 3)]
    public string Name { get; set; } = "";

    [StringLength(2000)]
    public string? Description { get; set; }

    public CampaignObjective Objective { get; set; } = CampaignObjective.Conversion;
    public CampaignChannel Channel { get; set; } = CampaignChannel.Email;

    [Range(1, 90)]
    public int AttributionWindowDays { get; set; } = 14;

    /// <summary>Share of the audience in the personalized treatment; the rest is the best-sellers control.</summary>
    [Range(0.05, 0.95)]
    public double TreatmentShare { get; set; } = 0.5;

    /// <summary>Share of the audience held out (no contact, no offer); the control and the treatment split the rest.</summary>
    [Range(0, 0.5)]
    public double HoldoutShare { get; set; }

    [Range(1, 20)]
    public int ProductCount { get; set; } = 5;

    public IReadOnlyList<string> Segments { get; set; } = [];
    public IReadOnlyList<string> Countries { get; set; } = [];
    public bool RequireConsent { get; set; } = true;
}
