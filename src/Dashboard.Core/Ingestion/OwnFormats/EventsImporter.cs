using System.Globalization;
using Dashboard.Core.Events;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>
/// Imports the product's events CSV (see README, "Importing data"): one behaviour event per row, validated by the
/// same <see cref="EventRules"/> as <c>POST /api/events</c> (session id, type name in any case, a time with a zone
/// that is not ahead of the server's clock, references that exist), so that a file and the API never disagree.
/// Events have no natural key: an event equal to a stored one (or to an earlier row's) in session, type, time,
/// customer, product and campaign is already-imported, which makes an overlapping newer export add only its new events.
/// That is checked per batch with one query over the batch's sessions and time span, never by loading all events.
/// <para>
/// Rules, in order: malformed and duplicate (by the engine; duplicates within the rows of one session); missing-field
/// (occurred_at, session_id, type); malformed values (too long, an unknown type, a time without a zone, a campaign id
/// that is not a number); future (more than <see cref="EventRules.AllowedClockSkew"/> ahead of the clock); erased
/// (by the engine); unknown-reference (a customer, SKU or campaign not in the database); already-imported (also for
/// the same event written differently, e.g. in another type case or time zone). Events without a customer are
/// counted as anonymous.
/// </para>
/// </summary>
public sealed class EventsImporter(TimeProvider clock) : CsvImporter<EventRow>
{
    public static readonly CsvColumn OccurredAt = new("occurred_at");
    public static readonly CsvColumn SessionId = new("session_id");
    public static readonly CsvColumn CustomerId = new("customer_id", false);
    public static readonly CsvColumn Type = new("type");
    public static readonly CsvColumn Sku = new("sku", false);
    public static readonly CsvColumn CampaignId = new("campaign_id", false);

    private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;
    private BulkInsert<BehaviorEvent>? _insert;

    public override ImportKind Kind => ImportKind.Events;

    public override string Format => "Events CSV";

    public override IReadOnlyList<CsvColumn> Columns { get; } = [OccurredAt, SessionId, CustomerId, Type, Sku, CampaignId];

    protected override bool AllowLineBreaksInQuotes => false;

    protected override string? DuplicateScope(ImportRecord record) => record[SessionId];

    protected override string? SubjectId(ImportRecord record) => record[CustomerId] is { Length: > 0 } id ? id : null;

    protected override string? SessionSubject(ImportRecord record) => record[SessionId];

    protected override RowResult<EventRow> Parse(ImportRecord record)
    {
        if (OwnFormatValues.Required(record, OccurredAt, SessionId, Type) is { } missing)
        {
            return missing;
        }

        var session = record[SessionId];
        var customer = record[CustomerId];
        var sku = record[Sku];
        var tooLong = OwnFormatValues.Length(SessionId, session, EventRules.MaxSessionIdLength)
            ?? OwnFormatValues.Length(CustomerId, customer, OwnFormatValues.MaxKeyLength)
            ?? OwnFormatValues.Length(Sku, sku, OwnFormatValues.MaxKeyLength);
        if (tooLong is not null)
        {
            return tooLong;
        }

        if (!EventRules.TryParseType(record[Type], out var type))
        {
            return ImportFinding.Reject(ImportRules.Malformed, $"type '{OwnFormatValues.Clip(record[Type])}' is not one of {EventRules.TypeNames}.");
        }

        var timeText = record[OccurredAt];
        if (!EventRules.TryParseTime(timeText, out var occurredAt))
        {
            return ImportFinding.Reject(ImportRules.Malformed,
                $"occurred_at '{OwnFormatValues.Clip(timeText)}' is not an ISO 8601 time with a zone (Z or an offset), e.g. 2026-11-02T14:01:12Z.");
        }

        if (EventRules.IsInFuture(occurredAt, _now))
        {
            return ImportFinding.Reject(ImportRules.Future, string.Create(CultureInfo.InvariantCulture,
                $"occurred_at {occurredAt:yyyy-MM-dd'T'HH:mm:ss'Z'} is in the future: more than {EventRules.AllowedClockSkew.TotalMinutes:0} minutes ahead of the server's clock ({_now:yyyy-MM-dd'T'HH:mm:ss'Z'})."));
        }

        int? campaignId = null;
        if (record[CampaignId] is { Length: > 0 } campaignText)
        {
            if (!int.TryParse(campaignText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return ImportFinding.Reject(ImportRules.Malformed, $"campaign_id '{OwnFormatValues.Clip(campaignText)}' is not a campaign id (a positive whole number).");
            }

            campaignId = id;
        }

        return new EventRow(occurredAt, session, customer.Length == 0 ? null : customer, type, sku.Length == 0 ? null : sku, campaignId);
    }

    protected override async Task WriteBatchAsync(ImportBatch<EventRow> batch, CancellationToken ct)
    {
        if (batch.Rows.Count == 0)
        {
            return;
        }

        var known = await KnownReferences.LoadAsync(batch.Db, batch.Rows, ct);
        var candidates = new List<(ImportRow<EventRow> Row, BehaviorEvent Event)>(batch.Rows.Count);
        foreach (var row in batch.Rows)
        {
            var values = row.Value;
            var unknown = new List<string>(3);
            int? customerId = null;
            var erased = false;
            if (values.CustomerId is { } externalId)
            {
                if (known.Customers.TryGetValue(externalId, out var customer))
                {
                    (customerId, erased) = customer;
                }
                else
                {
                    unknown.Add($"customer_id '{externalId}' is not a known customer");
                }
            }

            int? productId = null;
            if (values.Sku is { } sku)
            {
                if (known.Products.TryGetValue(sku, out var id))
                {
                    productId = id;
                }
                else
                {
                    unknown.Add($"sku '{sku}' is not in the catalogue");
                }
            }

            if (values.CampaignId is { } campaignId && !known.Campaigns.Contains(campaignId))
            {
                unknown.Add(string.Create(CultureInfo.InvariantCulture, $"campaign_id {campaignId} does not exist"));
            }

            if (erased)
            {
                batch.Reject(row, ImportRules.Erased, "The customer of this event was erased on request: their data is not imported again.");
            }
            else if (unknown.Count > 0)
            {
                batch.Reject(row, ImportRules.UnknownReference, string.Join("; ", unknown) + ".");
            }
            else
            {
                candidates.Add((row, new BehaviorEvent
                {
                    CustomerId = customerId,
                    ProductId = productId,
                    SessionId = values.SessionId,
                    Type = values.Type,
                    OccurredAt = values.OccurredAt,
                    CampaignId = values.CampaignId,
                }));
            }
        }

        // An event equal to an earlier row's is already-imported whether that row is in this batch or an earlier one
        // (stored by then), so the outcome does not depend on where batches end.
        var seen = await StoredAsync(batch.Db, candidates.Select(c => c.Event).ToList(), ct);
        var added = new List<BehaviorEvent>(candidates.Count);
        foreach (var (row, candidate) in candidates)
        {
            if (!seen.Add(EventKey.Of(candidate)))
            {
                batch.AlreadyImported(row);
                continue;
            }

            added.Add(candidate);
            batch.Accept(row, candidate.CustomerId is null ? [ImportRules.Anonymous] : []);
        }

        _insert ??= new BulkInsert<BehaviorEvent>(batch.Db);
        await _insert.InsertAsync(added, ct);
    }

    /// <summary>
    /// The stored events equal to any of <paramref name="events"/>: one query for the batch, over its sessions and time
    /// span (the time index narrows it; sessions are short, so the answer stays about the batch's size).
    /// </summary>
    private static async Task<HashSet<EventKey>> StoredAsync(DashboardDbContext db, List<BehaviorEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var sessions = events.Select(e => e.SessionId).Distinct(StringComparer.Ordinal).ToList();
        var from = events.Min(e => e.OccurredAt);
        var to = events.Max(e => e.OccurredAt);
        var stored = await db.Events.AsNoTracking()
            .Where(e => e.OccurredAt >= from && e.OccurredAt <= to && sessions.Contains(e.SessionId))
            .Select(e => new EventKey(e.SessionId, e.Type, e.OccurredAt, e.CustomerId, e.ProductId, e.CampaignId))
            .ToListAsync(ct);
        return [.. stored];
    }

    /// <summary>What makes two events the same event.</summary>
    private sealed record EventKey(string SessionId, EventType Type, DateTime OccurredAt, int? CustomerId, int? ProductId, int? CampaignId)
    {
        public static EventKey Of(BehaviorEvent e) => new(e.SessionId, e.Type, e.OccurredAt, e.CustomerId, e.ProductId, e.CampaignId);
    }

    /// <summary>The customers, products and campaigns a batch mentions, read with one query each.</summary>
    private sealed record KnownReferences(
        Dictionary<string, (int Id, bool Erased)> Customers,
        Dictionary<string, int> Products,
        HashSet<int> Campaigns)
    {
        public static async Task<KnownReferences> LoadAsync(DashboardDbContext db, IReadOnlyList<ImportRow<EventRow>> rows, CancellationToken ct)
        {
            var customerIds = rows.Select(r => r.Value.CustomerId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var skus = rows.Select(r => r.Value.Sku).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var campaignIds = rows.Select(r => r.Value.CampaignId).OfType<int>().Distinct().ToList();
            var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.ExternalId))
                .Select(c => new { c.ExternalId, c.Id, Erased = c.ErasedAt != null })
                .ToDictionaryAsync(c => c.ExternalId, c => (c.Id, c.Erased), StringComparer.Ordinal, ct);
            var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku))
                .Select(p => new { p.Sku, p.Id })
                .ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.Ordinal, ct);
            var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            return new KnownReferences(customers, products, [.. campaigns]);
        }
    }
}
