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

    public DateTime CreatedAt { get; set; }
    public DateTime? LaunchedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    public List<CampaignVariant> Variants { get; set; } = [];

    public bool CanEditAudienceAndVariants => CampaignLifecycle.Allowed(Status).HasFlag(CampaignChanges.Audience | CampaignChanges.Variants);
}
