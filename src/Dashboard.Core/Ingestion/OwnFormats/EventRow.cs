using Dashboard.Core.Events;

namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>One row of an events file, parsed; the references are still the shop's keys.</summary>
/// <param name="OccurredAt">UTC.</param>
public sealed record EventRow(DateTime OccurredAt, string SessionId, string? CustomerId, EventType Type, string? Sku, int? CampaignId);
