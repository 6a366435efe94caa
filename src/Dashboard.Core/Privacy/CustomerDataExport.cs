using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Customers;
using Dashboard.Core.Events;
using Dashboard.Core.Experiments;
using Dashboard.Core.Orders;
using Dashboard.Core.Profiles;

namespace Dashboard.Core.Privacy;

/// <summary>
/// Everything the dashboard holds about one customer (a GDPR access request), shaped for JSON: names, not only keys,
/// wherever a key points at a product, campaign or variant, so that the person can read it without the database.
/// </summary>
public sealed record CustomerDataExport(
    DateTime GeneratedAt,
    string About,
    ExportedCustomer Customer,
    ExportedProfile? Profile,
    IReadOnlyList<ExportedOrder> Orders,
    IReadOnlyList<ExportedEvent> Events,
    IReadOnlyList<ExportedPromoListEntry> PromoListEntries,
    IReadOnlyList<ExportedExposure> Exposures,
    IReadOnlyList<ExportedConversion> Conversions,
    IReadOnlyList<ExportedRejectedImportRow> RejectedImportRows)
{
    /// <summary>
    /// Web defaults (camelCase), enums as names, times marked UTC, indented and without needless escapes ("+46",
    /// "Åsa"): the file is meant for a person to read. It is served as a JSON download, never embedded in HTML.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public Task WriteJsonAsync(Stream destination, CancellationToken ct = default) =>
        JsonSerializer.SerializeAsync(destination, this, JsonOptions, ct);

    public static async Task<CustomerDataExport?> ReadJsonAsync(Stream source, CancellationToken ct = default) =>
        await JsonSerializer.DeserializeAsync<CustomerDataExport>(source, JsonOptions, ct);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new UtcDateTimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The database stores UTC without saying so (SQLite reads back unspecified times); the file says it.</summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            AsUtc(reader.GetDateTime());

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(AsUtc(value));

        private static DateTime AsUtc(DateTime value) =>
            value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
    }
}

public sealed record ExportedCustomer(
    int Id,
    string ExternalId,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string Country,
    DateTime CreatedAt,
    bool EmailOptIn,
    bool PushOptIn,
    bool AdsOptIn,
    DateTime? ErasedAt)
{
    internal static ExportedCustomer From(Customer c) =>
        new(c.Id, c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, c.Country, c.CreatedAt, c.EmailOptIn, c.PushOptIn, c.AdsOptIn, c.ErasedAt);
}

public sealed record ExportedProfile(
    string Segment,
    string RfmCode,
    int? RecencyDays,
    int Frequency,
    double Monetary,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore,
    DateTime? FirstPurchaseAt,
    DateTime? LastPurchaseAt,
    string? TopCategory,
    double? ChurnRisk,
    double? PurchasePropensity,
    double? ExpectedValue90d,
    int? Cluster,
    int? ChurnModelVersionId,
    int? PropensityModelVersionId,
    int? ValueModelVersionId,
    IReadOnlyList<ExportedScoreContribution> ScoreExplanations,
    DateTime ReferenceDate,
    DateTime ComputedAt)
{
    internal static ExportedProfile From(CustomerProfile p) =>
        new(p.Segment, p.RfmCode, p.RecencyDays, p.Frequency, p.Monetary, p.RecencyScore, p.FrequencyScore, p.MonetaryScore,
            p.FirstPurchaseAt, p.LastPurchaseAt, p.TopCategory, p.ChurnRisk, p.PurchasePropensity, p.ExpectedValue90d, p.Cluster,
            p.ChurnModelVersionId, p.PropensityModelVersionId, p.ValueModelVersionId,
            [.. p.ScoreExplanations.Select(c => new ExportedScoreContribution(c.Score, c.Feature, c.Value, c.Contribution))],
            p.ReferenceDate, p.ComputedAt);
}

public sealed record ExportedScoreContribution(string Score, string Feature, double? Value, double Contribution);

public sealed record ExportedOrder(
    int Id,
    string InvoiceNo,
    OrderKind Kind,
    int? OriginalOrderId,
    DateTime PlacedAt,
    string Country,
    decimal Total,
    IReadOnlyList<ExportedOrderLine> Lines);

public sealed record ExportedOrderLine(string ProductSku, string ProductName, int Quantity, decimal UnitPrice);

public sealed record ExportedEvent(
    long Id,
    EventType Type,
    DateTime OccurredAt,
    string SessionId,
    string? ProductSku,
    string? ProductName,
    int? OrderId,
    int? CampaignId);

public sealed record ExportedPromoListEntry(
    int CampaignId,
    string CampaignName,
    string VariantName,
    string? CouponCode,
    DateTime CreatedAt,
    IReadOnlyList<ExportedPromoListItem> Items);

public sealed record ExportedPromoListItem(int Rank, string ProductSku, string ProductName, double Score, string Reason);

public sealed record ExportedExposure(int CampaignId, string CampaignName, string VariantName, ExposureKind Kind, DateTime OccurredAt);

public sealed record ExportedConversion(int CampaignId, string CampaignName, string VariantName, int OrderId, double Revenue, DateTime ConvertedAt);

/// <summary>A line of an imported file that was rejected and mentions the customer; the raw line may hold their data.</summary>
public sealed record ExportedRejectedImportRow(
    int ImportRunId,
    string ImportSource,
    DateTime ImportStartedAt,
    long LineNumber,
    string Reason,
    string? RawLine);
