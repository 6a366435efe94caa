using System.Text.RegularExpressions;
using Dashboard.Core.Customers;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>
/// Imports the product's customers CSV (see README, "Importing data"): one row per customer, upserted by
/// <c>customer_id</c>. A new id creates the customer; a row that says what is stored already is already-imported;
/// a row that differs updates the stored customer (rule updated). Rows are applied in file order, so when a file
/// holds differing rows for one id the last one wins (exact copies are rejected as duplicate).
/// <para>
/// Rules, in order: malformed and duplicate (by the engine, duplicates within the rows of one customer id);
/// missing-field (customer_id, country); malformed values (too long, an e-mail that is not one, a date or boolean that
/// does not parse); erased (by the engine: the id is on the erasure list; also a stored customer already erased);
/// already-imported or updated.
/// </para>
/// </summary>
public sealed partial class CustomersImporter(TimeProvider clock) : CsvImporter<CustomerRow>
{
    public static readonly CsvColumn CustomerId = new("customer_id");
    public static readonly CsvColumn FirstName = new("first_name", false);
    public static readonly CsvColumn LastName = new("last_name", false);
    public static readonly CsvColumn Email = new("email", false);
    public static readonly CsvColumn Phone = new("phone", false);
    public static readonly CsvColumn Country = new("country");
    public static readonly CsvColumn CreatedAt = new("created_at", false);
    public static readonly CsvColumn EmailOptIn = new("email_opt_in", false);
    public static readonly CsvColumn PushOptIn = new("push_opt_in", false);
    public static readonly CsvColumn AdsOptIn = new("ads_opt_in", false);

    private const int MaxNameLength = 100;
    private const int MaxEmailLength = 256;
    private const int MaxPhoneLength = 40;

    /// <summary>When a new customer without created_at is created: the time of this import.</summary>
    private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;

    private BulkInsert<Customer>? _insert;

    public override ImportKind Kind => ImportKind.Customers;

    public override string Format => "Customers CSV";

    public override IReadOnlyList<CsvColumn> Columns { get; } =
        [CustomerId, FirstName, LastName, Email, Phone, Country, CreatedAt, EmailOptIn, PushOptIn, AdsOptIn];

    protected override bool AllowLineBreaksInQuotes => false;

    protected override string? DuplicateScope(ImportRecord record) => record[CustomerId];

    protected override string? SubjectId(ImportRecord record) => record[CustomerId] is { Length: > 0 } id ? id : null;

    protected override RowResult<CustomerRow> Parse(ImportRecord record)
    {
        if (OwnFormatValues.Required(record, CustomerId, Country) is { } missing)
        {
            return missing;
        }

        var id = record[CustomerId];
        var country = record[Country];
        var firstName = Optional(record, FirstName);
        var lastName = Optional(record, LastName);
        var email = Optional(record, Email);
        var phone = Optional(record, Phone);
        var tooLong = OwnFormatValues.Length(CustomerId, id, OwnFormatValues.MaxKeyLength)
            ?? OwnFormatValues.Length(Country, country, OwnFormatValues.MaxKeyLength)
            ?? OwnFormatValues.Length(FirstName, firstName ?? "", MaxNameLength)
            ?? OwnFormatValues.Length(LastName, lastName ?? "", MaxNameLength)
            ?? OwnFormatValues.Length(Email, email ?? "", MaxEmailLength)
            ?? OwnFormatValues.Length(Phone, phone ?? "", MaxPhoneLength);
        if (tooLong is not null)
        {
            return tooLong;
        }

        if (email is { Length: > 0 } && !EmailPattern().IsMatch(email))
        {
            return ImportFinding.Reject(ImportRules.Malformed, $"email '{OwnFormatValues.Clip(email)}' is not an e-mail address (name@domain.example).");
        }

        DateTime? createdAt = null;
        if (record[CreatedAt] is { Length: > 0 } createdText)
        {
            if (OwnFormatValues.Date(CreatedAt, createdText, out var created) is { } badDate)
            {
                return badDate;
            }

            createdAt = created;
        }

        var badEmailOptIn = OptionalBoolean(record, EmailOptIn, out var emailOptIn);
        var badPushOptIn = OptionalBoolean(record, PushOptIn, out var pushOptIn);
        var badAdsOptIn = OptionalBoolean(record, AdsOptIn, out var adsOptIn);
        if ((badEmailOptIn ?? badPushOptIn ?? badAdsOptIn) is { } badBoolean)
        {
            return badBoolean;
        }

        return new CustomerRow(id, firstName, lastName, email, phone, country, createdAt, emailOptIn, pushOptIn, adsOptIn);
    }

    protected override async Task WriteBatchAsync(ImportBatch<CustomerRow> batch, CancellationToken ct)
    {
        if (batch.Rows.Count == 0)
        {
            return;
        }

        var db = batch.Db;
        var ids = batch.Rows.Select(r => r.Value.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        // Tracked: the updates below are saved as changes of only the fields that differ.
        var stored = await db.Customers.Where(c => ids.Contains(c.ExternalId)).ToDictionaryAsync(c => c.ExternalId, StringComparer.Ordinal, ct);
        var created = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var row in batch.Rows)
        {
            var values = row.Value;
            var customer = stored.GetValueOrDefault(values.CustomerId) ?? created.GetValueOrDefault(values.CustomerId);
            if (customer is null)
            {
                created[values.CustomerId] = New(values);
                batch.Accept(row);
            }
            else if (customer.ErasedAt is not null)
            {
                batch.Reject(row, ImportRules.Erased, "This customer was erased on request: their data is not imported again.");
            }
            else if (Apply(values, customer))
            {
                batch.Accept(row, ImportRules.Updated);
            }
            else
            {
                batch.AlreadyImported(row);
            }
        }

        await db.SaveChangesAsync(ct);
        _insert ??= new BulkInsert<Customer>(db);
        await _insert.InsertAsync([.. created.Values], ct);
    }

    /// <summary>The value of an optional text column: null when the file lacks the column, else the value (maybe empty).</summary>
    private static string? Optional(ImportRecord record, CsvColumn column) => record.Has(column) ? record[column] : null;

    private static ImportFinding? OptionalBoolean(ImportRecord record, CsvColumn column, out bool? value)
    {
        value = null;
        if (!record.Has(column))
        {
            return null;
        }

        var text = record[column];
        if (text.Length == 0)
        {
            value = false;
            return null;
        }

        var rejection = OwnFormatValues.Boolean(column, text, out var parsed);
        value = parsed;
        return rejection;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private Customer New(CustomerRow row) => new()
    {
        ExternalId = row.CustomerId,
        FirstName = NullIfEmpty(row.FirstName),
        LastName = NullIfEmpty(row.LastName),
        Email = NullIfEmpty(row.Email),
        Phone = NullIfEmpty(row.Phone),
        Country = row.Country,
        CreatedAt = row.CreatedAt ?? _now,
        EmailOptIn = row.EmailOptIn ?? false,
        PushOptIn = row.PushOptIn ?? false,
        AdsOptIn = row.AdsOptIn ?? false,
    };

    /// <summary>Writes the fields the row gives onto the customer; true when any of them changed.</summary>
    private static bool Apply(CustomerRow row, Customer customer)
    {
        var before = Snapshot(customer);
        if (row.FirstName is not null)
        {
            customer.FirstName = NullIfEmpty(row.FirstName);
        }

        if (row.LastName is not null)
        {
            customer.LastName = NullIfEmpty(row.LastName);
        }

        if (row.Email is not null)
        {
            customer.Email = NullIfEmpty(row.Email);
        }

        if (row.Phone is not null)
        {
            customer.Phone = NullIfEmpty(row.Phone);
        }

        customer.Country = row.Country;
        customer.CreatedAt = row.CreatedAt ?? customer.CreatedAt;
        customer.EmailOptIn = row.EmailOptIn ?? customer.EmailOptIn;
        customer.PushOptIn = row.PushOptIn ?? customer.PushOptIn;
        customer.AdsOptIn = row.AdsOptIn ?? customer.AdsOptIn;
        return before != Snapshot(customer);
    }

    private static CustomerRow Snapshot(Customer c) =>
        new(c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, c.Country, c.CreatedAt, c.EmailOptIn, c.PushOptIn, c.AdsOptIn);

    /// <summary>
    /// A practical address check, not RFC 5322: no spaces, one @, something before it, and a domain of dot-separated
    /// labels (letters, digits, hyphens; not at a label's ends) with at least one dot.
    /// </summary>
    [GeneratedRegex(@"^[^@\s""(),:;<>\[\]\\]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
