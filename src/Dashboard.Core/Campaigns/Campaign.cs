using Dashboard.Core.Campaigns.Audiences;

namespace Dashboard.Core.Campaigns;

public enum CampaignStatus
{
    Draft = 1,
    Scheduled = 2,
    Running = 3,
    Completed = 4,
    Cancelled = 5,
}

public enum CampaignObjective
{
    Conversion = 1,
    Revenue = 2,
    Reactivation = 3,
}

public enum CampaignChannel
{
    Email = 1,
    Push = 2,
    OnSiteBanner = 3,
    PaidSocial = 4,
}

/// <summary>What the A/B report decides on.</summary>
public enum PrimaryMetric
{
    /// <summary>Share of members with an attributed order.</summary>
    ConversionRate = 1,

    /// <summary>Attributed net revenue per member (members who did not buy count as 0).</summary>
    RevenuePerMember = 2,
}

public class Campaign
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;
    public CampaignObjective Objective { get; set; } = CampaignObjective.Conversion;
    public CampaignChannel Channel { get; set; } = CampaignChannel.Email;

    public int? AudienceId { get; set; }
    public Audience? Audience { get; set; }

    /// <summary>Orders within this many days after a customer's exposure count as the campaign's conversions.</summary>
    public int AttributionWindowDays { get; set; } = 14;

    public PrimaryMetric PrimaryMetric { get; set; } = PrimaryMetric.ConversionRate;

    /// <summary>When the promo list is written and contact starts (UTC); null launches as soon as the manager launches.</summary>
    public DateTime? StartsAt { get; set; }

    /// <summary>When the campaign completes by itself (UTC); null runs until a manager completes it.</summary>
    public DateTime? EndsAt { get; set; }

    /// <summary>The most the campaign may spend on contacts; null means no limit.</summary>
    public decimal? Budget { get; set; }

    /// <summary>What one contact costs on the channel (an e-mail send, a push, a paid-social impression batch per member).</summary>
    public decimal CostPerContact { get; set; }

    public CampaignOffer Offer { get; set; } = new();

    public DateTime CreatedAt { get; set; }
    public DateTime? LaunchedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    public List<CampaignVariant> Variants { get; set; } = [];

    public bool CanEditAudienceAndVariants => CampaignLifecycle.Allowed(Status).HasFlag(CampaignChanges.Audience | CampaignChanges.Variants);
}
