using System.Globalization;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>
/// Imports the product's orders CSV (see README, "Importing data"): one row per order line, the lines of an invoice
/// sharing its number, customer, time and country. Each invoice becomes one order (a return, with positive
/// quantities, when its kind says so or, without a kind, when its number starts with "C" or its quantities are
/// negative; anonymous without a customer id), each line an order line, and each purchase line a Purchase event in
/// session "inv-" + invoice, as the Online Retail importer does. Customers and products must exist (import them first):
/// this format never creates them.
/// <para>
/// The file need not be sorted. Lines of one invoice are joined within a batch, and a line whose invoice this run
/// created in an earlier batch is added to that order, provided the invoice is among the last
/// <see cref="RememberedInvoices"/> invoices the run created (memory stays bounded). Further back, the line is
/// rejected as malformed rather than mistaken for an earlier import: an export sorted by invoice or by time never
/// gets there.
/// </para>
/// <para>
/// Rules, in order: malformed and duplicate (by the engine; duplicates within the lines of one invoice); missing-field;
/// malformed values (too long, a number, amount, date or kind that does not parse, a negative quantity on a purchase);
/// non-positive (unit price zero or below, quantity zero); outlier (flagged and kept: unit price or quantity beyond 5
/// robust standard deviations on a log scale, see <see cref="LogMadOutlierRule"/>); erased (by the engine);
/// already-imported (the invoice is in the database from an earlier import: nothing is written); malformed again for
/// lines that contradict their invoice's first line (customer, time, country or kind); unknown-reference (a customer or
/// SKU not in the database: the whole invoice is rejected, so that importing the missing customers or products and then
/// the file again imports it whole).
/// </para>
/// </summary>
public sealed class OrdersImporter : CsvImporter<OrderLineRow>
{
    public static readonly CsvColumn InvoiceNo = new("invoice_no");
    public static readonly CsvColumn CustomerId = new("customer_id", false);
    public static readonly CsvColumn PlacedAt = new("placed_at");
    public static readonly CsvColumn Country = new("country", false);
    public static readonly CsvColumn Sku = new("sku");
    public static readonly CsvColumn Quantity = new("quantity");
    public static readonly CsvColumn UnitPrice = new("unit_price");
    public static readonly CsvColumn KindColumn = new("kind", false);

    /// <summary>How many of the invoices this run created are remembered, so that their later lines join them.</summary>
    public const int RememberedInvoices = 50_000;

    /// <summary>The country of an order whose rows give none and whose customer is unknown (anonymous).</summary>
    public const string UnknownCountry = "Unknown";

    /// <summary>"inv-" + the invoice must fit a session id.</summary>
    private const int MaxInvoiceLength = EventRules.MaxSessionIdLength - 4;

    private readonly LogMadOutlierRule _prices = new("unit_price");
    private readonly LogMadOutlierRule _quantities = new("quantity");
    private readonly RecentInvoices _createdThisRun = new() { Capacity = RememberedInvoices };

    /// <summary>The highest order id before this run's first batch: a higher one was created during this run.</summary>
    private int? _lastOrderIdBefore;

    private BulkInsert<OrderLine>? _lineInsert;
    private BulkInsert<BehaviorEvent>? _eventInsert;

    /// <summary>For tests: how many invoices created by this run are remembered (<see cref="RememberedInvoices"/>).</summary>
    internal int InvoicesRemembered
    {
        get => _createdThisRun.Capacity;
        init => _createdThisRun.Capacity = value;
    }

    public override ImportKind Kind => ImportKind.Orders;

    public override string Format => "Orders CSV";

    public override IReadOnlyList<CsvColumn> Columns { get; } = [InvoiceNo, CustomerId, PlacedAt, Country, Sku, Quantity, UnitPrice, KindColumn];

    protected override bool AllowLineBreaksInQuotes => false;

    protected override bool UsesStatisticsPass => true;

    protected override string? DuplicateScope(ImportRecord record) => record[InvoiceNo];

    protected override string? SubjectId(ImportRecord record) => record[CustomerId] is { Length: > 0 } id ? id : null;

    protected override string? BatchKey(OrderLineRow row) => row.InvoiceNo;

    protected override RowResult<OrderLineRow> Parse(ImportRecord record)
    {
        if (OwnFormatValues.Required(record, InvoiceNo, PlacedAt, Sku, Quantity, UnitPrice) is { } missing)
        {
            return missing;
        }

        var invoice = record[InvoiceNo];
        var customer = record[CustomerId];
        var country = record[Country];
        var sku = record[Sku];
        var tooLong = OwnFormatValues.Length(InvoiceNo, invoice, MaxInvoiceLength)
            ?? OwnFormatValues.Length(CustomerId, customer, OwnFormatValues.MaxKeyLength)
            ?? OwnFormatValues.Length(Country, country, OwnFormatValues.MaxKeyLength)
            ?? OwnFormatValues.Length(Sku, sku, OwnFormatValues.MaxKeyLength);
        if (tooLong is not null)
        {
            return tooLong;
        }

        if (OwnFormatValues.WholeNumber(Quantity, record[Quantity], out var quantity) is { } badQuantity)
        {
            return badQuantity;
        }

        if (OwnFormatValues.Date(PlacedAt, record[PlacedAt], out var placedAt) is { } badDate)
        {
            return badDate;
        }

        if (OwnFormatValues.Amount(UnitPrice, record[UnitPrice], out var price) is { } badPrice)
        {
            return badPrice;
        }

        if (quantity == 0)
        {
            return ImportFinding.Reject(ImportRules.NonPositive, "quantity is 0.");
        }

        OrderKind kind;
        switch (record[KindColumn].ToUpperInvariant())
        {
            case "":
                kind = invoice.StartsWith('C') || invoice.StartsWith('c') || quantity < 0 ? OrderKind.Return : OrderKind.Purchase;
                break;
            case "RETURN":
                kind = OrderKind.Return;
                break;
            case "PURCHASE" when quantity < 0:
                return ImportFinding.Reject(ImportRules.Malformed, string.Create(CultureInfo.InvariantCulture,
                    $"quantity {quantity} is negative on a line whose kind is purchase: a purchase's quantities are positive."));
            case "PURCHASE":
                kind = OrderKind.Purchase;
                break;
            default:
                return ImportFinding.Reject(ImportRules.Malformed, $"kind '{OwnFormatValues.Clip(record[KindColumn])}' is neither purchase nor return.");
        }

        return new OrderLineRow(invoice, customer.Length == 0 ? null : customer, placedAt, country, sku, Math.Abs(quantity), price, kind);
    }

    protected override void Observe(OrderLineRow row)
    {
        _prices.Observe((double)row.UnitPrice);
        _quantities.Observe(row.Quantity);
    }

    protected override void EndStatisticsPass()
    {
        _prices.Complete();
        _quantities.Complete();
    }

    protected override ImportFinding? Screen(OrderLineRow row)
    {
        if (_prices.IsOutlier((double)row.UnitPrice))
        {
            return ImportFinding.Flag(ImportRules.Outlier, _prices.Describe((double)row.UnitPrice));
        }

        return _quantities.IsOutlier(row.Quantity) ? ImportFinding.Flag(ImportRules.Outlier, _quantities.Describe(row.Quantity)) : null;
    }

    protected override async Task WriteBatchAsync(ImportBatch<OrderLineRow> batch, CancellationToken ct)
    {
        var db = batch.Db;
        var lastOrderIdBefore = _lastOrderIdBefore ?? await db.Orders.MaxAsync(o => (int?)o.Id, ct) ?? 0;
        batch.AfterCommit(() => _lastOrderIdBefore = lastOrderIdBefore);
        if (batch.Rows.Count == 0)
        {
            return;
        }

        var invoices = batch.Rows.GroupBy(r => r.Value.InvoiceNo, StringComparer.Ordinal).ToList();
        var numbers = invoices.Select(g => g.Key).ToList();
        var existing = await db.Orders.AsNoTracking()
            .Where(o => numbers.Contains(o.InvoiceNo))
            .Select(o => new { o.Id, o.InvoiceNo, o.Total })
            .ToDictionaryAsync(o => o.InvoiceNo, StringComparer.Ordinal, ct);

        var groups = new List<InvoiceGroup>();
        foreach (var invoice in invoices)
        {
            var rows = invoice.ToList();
            InvoiceGroup? group;
            if (_createdThisRun.TryGet(invoice.Key, out var created) && existing.TryGetValue(invoice.Key, out var order))
            {
                group = KeepConsistentLines(batch, rows, created.Header, created.FirstLine, (order.Id, order.Total));
            }
            else if (existing.TryGetValue(invoice.Key, out var stored))
            {
                if (stored.Id > lastOrderIdBefore)
                {
                    RejectAll(batch, rows, ImportRules.Malformed, string.Create(CultureInfo.InvariantCulture,
                        $"Invoice {invoice.Key} was created by this import from lines more than {InvoicesRemembered:N0} invoices further up the file: keep the lines of one invoice together (an export sorted by invoice or by time does)."));
                }
                else
                {
                    foreach (var row in rows)
                    {
                        batch.AlreadyImported(row);
                    }
                }

                continue;
            }
            else
            {
                group = KeepConsistentLines(batch, rows, InvoiceHeader.Of(rows[0].Value), rows[0].LineNumber, null);
            }

            if (group is not null)
            {
                groups.Add(group);
            }
        }

        groups = await ResolveReferencesAsync(batch, groups, ct);
        var newOrders = groups.Where(g => g.Existing is null).Select(g => (Group: g, Order: new Order
        {
            InvoiceNo = g.Lines[0].Value.InvoiceNo,
            CustomerId = g.Customer?.Id,
            Kind = g.Header.Kind,
            PlacedAt = g.Header.PlacedAt,
            Country = g.Header.Country.Length > 0 ? g.Header.Country : g.Customer?.Country ?? UnknownCountry,
            Total = g.Total,
        })).ToList();
        db.Orders.AddRange(newOrders.Select(o => o.Order));
        await db.SaveChangesAsync(ct);
        var orderIds = newOrders.ToDictionary(o => o.Order.InvoiceNo, o => o.Order.Id, StringComparer.Ordinal);

        var lines = new List<OrderLine>();
        var events = new List<BehaviorEvent>();
        foreach (var group in groups)
        {
            var orderId = group.Existing?.Id ?? orderIds[group.Lines[0].Value.InvoiceNo];
            foreach (var line in group.Lines)
            {
                var row = line.Value;
                var productId = group.Products[row.Sku];
                lines.Add(new OrderLine { OrderId = orderId, ProductId = productId, Quantity = row.Quantity, UnitPrice = row.UnitPrice });
                if (group.Header.Kind == OrderKind.Purchase)
                {
                    events.Add(new BehaviorEvent
                    {
                        CustomerId = group.Customer?.Id,
                        ProductId = productId,
                        SessionId = "inv-" + row.InvoiceNo,
                        Type = EventType.Purchase,
                        OccurredAt = row.PlacedAt,
                        OrderId = orderId,
                    });
                }

                batch.Accept(line, Tags(group.Header));
            }

            if (group.Existing is { } order)
            {
                var total = order.Total + group.Total;
                await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Total, total), ct);
            }
        }

        _lineInsert ??= new BulkInsert<OrderLine>(db);
        _eventInsert ??= new BulkInsert<BehaviorEvent>(db);
        await _lineInsert.InsertAsync(lines, ct);
        await _eventInsert.InsertAsync(events, ct);

        batch.AfterCommit(() =>
        {
            foreach (var (group, order) in newOrders)
            {
                _createdThisRun.Add(order.InvoiceNo, new CreatedInvoice(group.Header, group.Lines[0].LineNumber));
            }
        });
    }

    private static string[] Tags(InvoiceHeader header) => (header.Kind, header.CustomerId) switch
    {
        (OrderKind.Return, null) => [ImportRules.Return, ImportRules.Anonymous],
        (OrderKind.Return, _) => [ImportRules.Return],
        (_, null) => [ImportRules.Anonymous],
        _ => [],
    };

    private static void RejectAll(ImportBatch<OrderLineRow> batch, IEnumerable<ImportRow<OrderLineRow>> rows, string rule, string reason)
    {
        foreach (var row in rows)
        {
            batch.Reject(row, rule, reason);
        }
    }

    /// <summary>
    /// The lines that agree with the invoice's header (its first line's customer, time, country and kind); the others
    /// are rejected as malformed. Null when none is left.
    /// </summary>
    private static InvoiceGroup? KeepConsistentLines(
        ImportBatch<OrderLineRow> batch, List<ImportRow<OrderLineRow>> rows, InvoiceHeader header, long firstLine, (int Id, decimal Total)? existing)
    {
        var kept = new List<ImportRow<OrderLineRow>>(rows.Count);
        foreach (var row in rows)
        {
            var differences = header.DifferencesFrom(InvoiceHeader.Of(row.Value));
            if (differences.Count == 0)
            {
                kept.Add(row);
                continue;
            }

            batch.Reject(row, ImportRules.Malformed, string.Create(CultureInfo.InvariantCulture,
                $"Its {string.Join(", ", differences)} differ{(differences.Count == 1 ? "s" : "")} from the invoice's first line (line {firstLine}): the lines of one invoice share customer_id, placed_at, country and kind."));
        }

        return kept.Count == 0 ? null : new InvoiceGroup(header, kept, existing);
    }

    /// <summary>
    /// Finds the groups' customers and products. An invoice whose customer is unknown or erased, or with a line whose SKU
    /// is unknown, is rejected whole (an order is imported with all its lines or not at all); the rest are returned.
    /// </summary>
    private static async Task<List<InvoiceGroup>> ResolveReferencesAsync(ImportBatch<OrderLineRow> batch, List<InvoiceGroup> groups, CancellationToken ct)
    {
        var db = batch.Db;
        var customerIds = groups.Select(g => g.Header.CustomerId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var customers = customerIds.Count == 0
            ? new Dictionary<string, KnownCustomer>(StringComparer.Ordinal)
            : await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.ExternalId))
                .Select(c => new KnownCustomer(c.Id, c.ExternalId, c.Country, c.ErasedAt != null))
                .ToDictionaryAsync(c => c.ExternalId, StringComparer.Ordinal, ct);
        var skus = groups.SelectMany(g => g.Lines).Select(l => l.Value.Sku).Distinct(StringComparer.Ordinal).ToList();
        var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku))
            .Select(p => new { p.Id, p.Sku })
            .ToDictionaryAsync(p => p.Sku, p => p.Id, StringComparer.Ordinal, ct);

        var resolved = new List<InvoiceGroup>(groups.Count);
        foreach (var group in groups)
        {
            var invoice = group.Lines[0].Value.InvoiceNo;
            KnownCustomer? customer = null;
            if (group.Header.CustomerId is { } customerId && !customers.TryGetValue(customerId, out customer))
            {
                RejectAll(batch, group.Lines, ImportRules.UnknownReference,
                    $"customer_id '{customerId}' is not a known customer: import the customers file before the orders that refer to it.");
                continue;
            }

            if (customer is { Erased: true })
            {
                RejectAll(batch, group.Lines, ImportRules.Erased, "The customer of this invoice was erased on request: their orders are not imported again.");
                continue;
            }

            var unknown = group.Lines.Where(l => !products.ContainsKey(l.Value.Sku)).ToList();
            if (unknown.Count > 0)
            {
                foreach (var line in group.Lines)
                {
                    batch.Reject(line, ImportRules.UnknownReference, unknown.Contains(line)
                        ? $"sku '{line.Value.Sku}' is not in the catalogue: import the products file before the orders that refer to it."
                        : string.Create(CultureInfo.InvariantCulture,
                            $"Invoice {invoice} is imported whole, and its line {unknown[0].LineNumber} refers to an unknown sku '{unknown[0].Value.Sku}'."));
                }

                continue;
            }

            resolved.Add(group with { Customer = customer, Products = products });
        }

        return resolved;
    }

    /// <summary>What the lines of one invoice share.</summary>
    private sealed record InvoiceHeader(string? CustomerId, DateTime PlacedAt, string Country, OrderKind Kind)
    {
        public static InvoiceHeader Of(OrderLineRow row) => new(row.CustomerId, row.PlacedAt, row.Country, row.Kind);

        public List<string> DifferencesFrom(InvoiceHeader other)
        {
            var differences = new List<string>(4);
            if (!string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal))
            {
                differences.Add("customer_id");
            }

            if (PlacedAt != other.PlacedAt)
            {
                differences.Add("placed_at");
            }

            if (!string.Equals(Country, other.Country, StringComparison.Ordinal))
            {
                differences.Add("country");
            }

            if (Kind != other.Kind)
            {
                differences.Add("kind");
            }

            return differences;
        }
    }

    private sealed record KnownCustomer(int Id, string ExternalId, string Country, bool Erased);

    /// <summary>The lines of one invoice this batch writes; <see cref="Existing"/> when the order was created earlier in this run.</summary>
    private sealed record InvoiceGroup(InvoiceHeader Header, List<ImportRow<OrderLineRow>> Lines, (int Id, decimal Total)? Existing)
    {
        public KnownCustomer? Customer { get; init; }

        public Dictionary<string, int> Products { get; init; } = [];

        public decimal Total => Lines.Sum(l => l.Value.Quantity * l.Value.UnitPrice);
    }

    private sealed record CreatedInvoice(InvoiceHeader Header, long FirstLine);

    /// <summary>The most recent invoices created by this run, at most <see cref="Capacity"/>; the oldest are forgotten first.</summary>
    private sealed class RecentInvoices
    {
        private readonly Dictionary<string, CreatedInvoice> _byNumber = new(StringComparer.Ordinal);
        private readonly Queue<string> _oldestFirst = new();

        public int Capacity { get; set; }

        public bool TryGet(string invoice, out CreatedInvoice created) => _byNumber.TryGetValue(invoice, out created!);

        public void Add(string invoice, CreatedInvoice created)
        {
            if (!_byNumber.TryAdd(invoice, created))
            {
                return;
            }

            _oldestFirst.Enqueue(invoice);
            while (_byNumber.Count > Capacity)
            {
                _byNumber.Remove(_oldestFirst.Dequeue());
            }
        }
    }
}
