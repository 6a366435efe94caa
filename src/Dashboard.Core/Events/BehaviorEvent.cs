namespace Dashboard.Core.Events;

public enum EventType
{
    View = 1,
    AddToCart = 2,
    Purchase = 3,
    EmailOpen = 4,
    EmailClick = 5,
    BannerClick = 6,
}

/// <summary>One thing a shopper did: the raw material of profiles and sequence models.</summary>
public class BehaviorEvent
{
    public long Id { get; set; }

    /// <summary>Null for anonymous visitors.</summary>
    public int? CustomerId { get; set; }
    public int? ProductId { get; set; }
    public required string SessionId { get; set; }
    public EventType Type { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>For purchase events, the order they belong to.</summary>
    public int? OrderId { get; set; }

    /// <summary>For email and banner events, the campaign that caused them.</summary>
    public int? CampaignId { get; set; }
}
