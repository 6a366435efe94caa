namespace Dashboard.Core.Events;

/// <summary>
/// One behaviour event as the shop front sends it to <c>POST /api/events</c>. Type and time stay text here,
/// so that a bad value is reported against its item instead of failing the whole batch.
/// </summary>
public sealed record IncomingEvent
{
    /// <summary>The shop's own customer id (<c>Customer.ExternalId</c>); absent for anonymous visitors.</summary>
    public string? CustomerId { get; init; }

    public string? SessionId { get; init; }

    /// <summary>One of the <see cref="EventType"/> names, e.g. <c>View</c> or <c>AddToCart</c> (case-insensitive).</summary>
    public string? Type { get; init; }

    /// <summary>The product, when the event is about one; it must exist in the catalogue.</summary>
    public string? Sku { get; init; }

    /// <summary>The campaign behind an e-mail or banner event; it must exist.</summary>
    public int? CampaignId { get; init; }

    /// <summary>ISO 8601 with a time zone, e.g. <c>2026-06-30T09:15:00Z</c>; stored as UTC.</summary>
    public string? OccurredAt { get; init; }
}
