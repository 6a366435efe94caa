using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Events;

/// <summary>
/// Validates a batch of shop-front events item by item and stores the valid ones in one SaveChanges, so
/// that a bad item never costs the good ones and nothing is acknowledged before it is durable.
/// </summary>
public sealed class EventBatchIngestor(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    /// <summary>The most events one request may carry; larger batches are refused whole.</summary>
    public const int MaxBatchSize = 500;

    /// <summary>How far ahead of the server's clock an event may be (see <see cref="EventRules"/>).</summary>
    public static readonly TimeSpan AllowedClockSkew = EventRules.AllowedClockSkew;

    /// <summary>
    /// Stores the valid events. An erased customer's events are stored as anonymous: the shop cannot know who
    /// was erased here, and the event still counts for popularity and funnels, but nothing is tied to that person again.
    /// </summary>
    public async Task<EventBatchResult> IngestAsync(IReadOnlyList<IncomingEvent?> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(events.Count, MaxBatchSize, nameof(events));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var known = await KnownReferences.LoadAsync(db, events, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<EventItemError>();
        var accepted = 0;
        for (var index = 0; index < events.Count; index++)
        {
            if (events[index] is not { } incoming)
            {
                errors.Add(new EventItemError(index, ["The event is null."]));
                continue;
            }

            var messages = new List<string>();
            if (ToEvent(incoming, known, now, messages) is not { } stored)
            {
                errors.Add(new EventItemError(index, messages));
                continue;
            }

            db.Events.Add(stored);
            accepted++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new EventBatchResult(accepted, errors);
    }

    private static BehaviorEvent? ToEvent(IncomingEvent incoming, KnownReferences known, DateTime now, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(incoming.SessionId))
        {
            messages.Add("sessionId is required.");
        }
        else if (incoming.SessionId.Length > EventRules.MaxSessionIdLength)
        {
            messages.Add($"sessionId must be at most {EventRules.MaxSessionIdLength} characters.");
        }

        EventType type = default;
        if (string.IsNullOrWhiteSpace(incoming.Type))
        {
            messages.Add("type is required.");
        }
        else if (!EventRules.TryParseType(incoming.Type, out type))
        {
            messages.Add($"type '{incoming.Type}' is not one of {EventRules.TypeNames}.");
        }

        var occurredAt = ParseTime(incoming.OccurredAt, now, messages);

        int? customerId = null;
        if (!string.IsNullOrWhiteSpace(incoming.CustomerId))
        {
            if (known.Customers.TryGetValue(incoming.CustomerId, out var customer))
            {
                customerId = customer.Erased ? null : customer.Id;
            }
            else
            {
                messages.Add($"customerId '{incoming.CustomerId}' is not a known customer.");
            }
        }

        int? productId = null;
        if (!string.IsNullOrWhiteSpace(incoming.Sku))
        {
            if (known.Products.TryGetValue(incoming.Sku, out var id))
            {
                productId = id;
            }
            else
            {
                messages.Add($"sku '{incoming.Sku}' is not in the catalogue.");
            }
        }

        if (incoming.CampaignId is { } campaignId && !known.Campaigns.Contains(campaignId))
        {
            messages.Add($"campaignId {campaignId} does not exist.");
        }

        if (messages.Count > 0)
        {
            return null;
        }

        return new BehaviorEvent
        {
            CustomerId = customerId,
            ProductId = productId,
            SessionId = incoming.SessionId!,
            Type = type,
            OccurredAt = occurredAt!.Value,
            CampaignId = incoming.CampaignId,
        };
    }

    private static DateTime? ParseTime(string? text, DateTime now, List<string> messages)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            messages.Add("occurredAt is required.");
            return null;
        }

        if (!EventRules.TryParseTime(text, out var utc))
        {
            messages.Add($"occurredAt '{text}' is not an ISO 8601 time with a zone, e.g. 2026-06-30T09:15:00Z.");
            return null;
        }

        if (EventRules.IsInFuture(utc, now))
        {
            messages.Add($"occurredAt {utc:O} is in the future.");
            return null;
        }

        return utc;
    }

    /// <summary>The customers, products and campaigns the batch mentions, read with one query each.</summary>
    private sealed record KnownReferences(
        Dictionary<string, (int Id, bool Erased)> Customers,
        Dictionary<string, int> Products,
        HashSet<int> Campaigns)
    {
        public static async Task<KnownReferences> LoadAsync(DashboardDbContext db, IReadOnlyList<IncomingEvent?> events, CancellationToken cancellationToken)
        {
            var present = events.OfType<IncomingEvent>().ToList();
            var customerIds = Distinct(present.Select(e => e.CustomerId));
            var skus = Distinct(present.Select(e => e.Sku));
            var campaignIds = present.Where(e => e.CampaignId is not null).Select(e => e.CampaignId!.Value).Distinct().ToList();

            var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.ExternalId))
                .Select(c => new { c.ExternalId, c.Id, Erased = c.ErasedAt != null })
                .ToDictionaryAsync(c => c.ExternalId, c => (c.Id, c.Erased), StringComparer.Ordinal, cancellationToken);
            var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku))
                .ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.Ordinal, cancellationToken);
            var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
            return new KnownReferences(customers, products, [.. campaigns]);
        }

        private static List<string> Distinct(IEnumerable<string?> values) =>
            values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
    }
}
