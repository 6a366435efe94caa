namespace Dashboard.Core.Experiments;

public enum ExposureKind
{
    Sent = 1,
    Delivered = 2,
    Opened = 3,
    Clicked = 4,
}

/// <summary>A campaign touch on one customer; holdout members get none.</summary>
public class Exposure
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int VariantId { get; set; }
    public int CustomerId { get; set; }
    public ExposureKind Kind { get; set; }
    public DateTime OccurredAt { get; set; }
}

/// <summary>An order attributed to a campaign variant (last touch within the attribution window).</summary>
public class Conversion
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int VariantId { get; set; }
    public int CustomerId { get; set; }
    public int OrderId { get; set; }
    public double Revenue { get; set; }
    public DateTime ConvertedAt { get; set; }
}
