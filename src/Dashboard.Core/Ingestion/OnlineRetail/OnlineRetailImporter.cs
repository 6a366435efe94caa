using System.Globalization;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Ingestion.OnlineRetail;

/// <summary>
/// Imports the UCI "Online Retail" transactions file (and "Online Retail II", whose headers say Invoice, Price and
/// Customer ID): one row per order line. Each invoice becomes one order (a return when its number starts with "C" or
/// its quantities are negative, stored with positive quantities; anonymous when it has no customer id), each line an
/// order line, and each purchase line a Purchase event in session "inv-" + invoice. Customers (by CustomerID, country
/// and first-seen date from their first row) and products (by StockCode; name, category and price from the latest
/// purchase line) are created as they appear.
/// <para>
/// Rules, in order: malformed and duplicate (by the engine; duplicates are looked for within the invoice, since an
/// exact copy has the same invoice number); missing-field; malformed values (not a number, not a date, too long);
/// non-positive (price 0 or below, quantity 0); malformed again for lines that contradict their invoice (a positive
/// quantity on a cancellation, another customer); outlier (flagged and kept:
/// price or quantity beyond 5 robust standard deviations on a log scale, see <see cref="LogMadOutlierRule"/>); erased
/// (by the engine); already-imported (the invoice is in the database: nothing is written, so an overlapping newer
/// export adds only its new invoices, and a failed run resumes).
/// </para>
/// </summary>
public sealed class OnlineRetailImporter : CsvImporter<OnlineRetailRow>
{
    public static readonly CsvColumn InvoiceNo = new("InvoiceNo", true, "Invoice");
    public static readonly CsvColumn StockCode = new("StockCode");
    public static readonly CsvColumn Description = new("Description");
    public static readonly CsvColumn Quantity = new("Quantity");
    public static readonly CsvColumn InvoiceDate = new("InvoiceDate");
    public static readonly CsvColumn UnitPrice = new("UnitPrice", true, "Price");
    public static readonly CsvColumn CustomerId = new("CustomerID");
    public static readonly CsvColumn Country = new("Country");

    /// <summary>The layouts of the file in the wild: the UCI CSV, and the CSV that Excel saves from UCI's workbook (month first).</summary>
    public static readonly string[] DateFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss"];

    /// <summary>"inv-" + the invoice must fit a session id (64).</summary>
    private const int MaxInvoiceLength = 60;

    private const int MaxKeyLength = 64;
    private const int MaxNameLength = 300;

    private readonly LogMadOutlierRule _prices = new("UnitPrice");
    private readonly LogMadOutlierRule _quantities = new("Quantity");

    // Per-run caches, only changed after a commit. They grow with distinct customers, products and invoices, not rows.
    private readonly Dictionary<string, int> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProductState> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CreatedOrder> _createdThisRun = new(StringComparer.Ordinal);
    private BulkInsert<OrderLine>? _lineInsert;
    private BulkInsert<BehaviorEvent>? _eventInsert;

    public override ImportKind Kind => ImportKind.OnlineRetail;

    public override string Format => "Online Retail CSV";

    public override IReadOnlyList<CsvColumn> Columns { get; } =
        [InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerId, Country];

    protected override bool AllowLineBreaksInQuotes => false;

    protected override bool UsesStatisticsPass => true;

    /// <summary>A customer id as stored: trimmed, without the ".0" that a spreadsheet adds to a number.</summary>
    public static string? NormalizeCustomerId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var id = value.Trim();
        if (id.EndsWith(".0", StringComparison.Ordinal) && id.Length > 2)
        {
            id = id[..^2];
        }

        return id.Length == 0 ? null : id;
    }

    protected override string? DuplicateScope(ImportRecord record) => record[InvoiceNo];

    protected override string? SubjectId(ImportRecord record) => NormalizeCustomerId(record[CustomerId]);

    protected override string? BatchKey(OnlineRetailRow row) => row.InvoiceNo;

    protected override RowResult<OnlineRetailRow> Parse(ImportRecord record)
    {
        var invoice = record[InvoiceNo];
        var stockCode = record[StockCode];
        var quantityText = record[Quantity];
        var dateText = record[InvoiceDate];
        var priceText = record[UnitPrice];
        var country = record[Country];
        var empty = new List<string>(2);
        AddIfEmpty(empty, InvoiceNo, invoice);
        AddIfEmpty(empty, StockCode, stockCode);
        AddIfEmpty(empty, Quantity, quantityText);
        AddIfEmpty(empty, InvoiceDate, dateText);
        AddIfEmpty(empty, UnitPrice, priceText);
        AddIfEmpty(empty, Country, country);
        if (empty.Count > 0)
        {
            return ImportFinding.Reject(ImportRules.MissingField, $"Empty required field{(empty.Count > 1 ? "s" : "")}: {string.Join(", ", empty)}.");
        }

        if (invoice.Length > MaxInvoiceLength || stockCode.Length > MaxKeyLength || country.Length > MaxKeyLength)
        {
            return ImportFinding.Reject(ImportRules.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"InvoiceNo (at most {MaxInvoiceLength} characters), StockCode or Country (at most {MaxKeyLength}) is too long."));
        }

        var customer = NormalizeCustomerId(record[CustomerId]);
        if (customer is { Length: > MaxKeyLength })
        {
            return ImportFinding.Reject(ImportRules.Malformed, string.Create(CultureInfo.InvariantCulture, $"CustomerID is longer than {MaxKeyLength} characters."));
        }

        if (!int.TryParse(quantityText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var quantity))
        {
            return ImportFinding.Reject(ImportRules.Malformed, $"Quantity '{Clip(quantityText)}' is not a whole number.");
        }

        if (!DateTime.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return ImportFinding.Reject(ImportRules.Malformed, $"InvoiceDate '{Clip(dateText)}' is neither yyyy-MM-dd HH:mm:ss nor M/d/yyyy H:mm.");
        }

        if (!decimal.TryParse(priceText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var price))
        {
            return ImportFinding.Reject(ImportRules.Malformed, $"UnitPrice '{Clip(priceText)}' is not a number (a dot for decimals, no currency sign).");
        }

        if (price <= 0)
        {
            return ImportFinding.Reject(ImportRules.NonPositive, string.Create(CultureInfo.InvariantCulture, $"UnitPrice {price} is not positive."));
        }

        if (quantity == 0)
        {
            return ImportFinding.Reject(ImportRules.NonPositive, "Quantity is 0.");
        }

        var row = new OnlineRetailRow(invoice, stockCode, record[Description], quantity, date, price, customer, country);
        if (row.IsCancellation && quantity > 0)
        {
            return ImportFinding.Reject(ImportRules.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"Quantity {quantity} on a cancellation invoice, whose quantities are negative."));
        }

        return row;
    }

    protected override void Observe(OnlineRetailRow row)
    {
        _prices.Observe((double)row.UnitPrice);
        _quantities.Observe(Math.Abs((double)row.Quantity));
    }

    protected override void EndStatisticsPass()
    {
        _prices.Complete();
        _quantities.Complete();
    }

    protected override ImportFinding? Screen(OnlineRetailRow row)
    {
        if (_prices.IsOutlier((double)row.UnitPrice))
        {
            return ImportFinding.Flag(ImportRules.Outlier, _prices.Describe((double)row.UnitPrice));
        }

        var quantity = Math.Abs((double)row.Quantity);
        return _quantities.IsOutlier(quantity) ? ImportFinding.Flag(ImportRules.Outlier, _quantities.Describe(quantity)) : null;
    }

    protected override async Task WriteBatchAsync(ImportBatch<OnlineRetailRow> batch, CancellationToken ct)
    {
        if (batch.Rows.Count == 0)
        {
            return;
        }

        var db = batch.Db;
        var invoices = batch.Rows.GroupBy(r => r.Value.InvoiceNo, StringComparer.Ordinal).ToList();
        var numbers = invoices.Select(g => g.Key).ToList();
        var existing = await db.Orders.AsNoTracking()
            .Where(o => numbers.Contains(o.InvoiceNo))
            .Select(o => new ExistingOrder(o.Id, o.InvoiceNo, o.Total))
            .ToDictionaryAsync(o => o.InvoiceNo, StringComparer.Ordinal, ct);

        var groups = new List<InvoiceGroup>();
        foreach (var invoice in invoices)
        {
            var known = existing.GetValueOrDefault(invoice.Key);
            if (known is not null && !_createdThisRun.ContainsKey(invoice.Key))
            {
                foreach (var row in invoice)
                {
                    batch.AlreadyImported(row);
                }

                continue;
            }

            var group = KeepConsistentLines(batch, invoice.Key, [.. invoice], known);
            if (group is not null)
            {
                groups.Add(group);
            }
        }

        var customers = await ResolveCustomersAsync(batch, groups, ct);
        var products = await ResolveProductsAsync(batch, groups, ct);
        await db.SaveChangesAsync(ct);

        var newOrders = groups.Where(g => g.Existing is null).Select(g => (Group: g, Order: new Order
        {
            InvoiceNo = g.InvoiceNo,
            CustomerId = g.CustomerId is null ? null : customers[g.CustomerId].Id,
            Kind = g.Kind,
            PlacedAt = g.Lines.Min(l => l.Value.InvoiceDate),
            Country = g.Lines[0].Value.Country,
            Total = g.Total,
        })).ToList();
        db.Orders.AddRange(newOrders.Select(o => o.Order));
        await db.SaveChangesAsync(ct);
        var orderIds = newOrders.ToDictionary(o => o.Group.InvoiceNo, o => o.Order.Id, StringComparer.Ordinal);

        var lines = new List<OrderLine>();
        var events = new List<BehaviorEvent>();
        foreach (var group in groups)
        {
            var orderId = group.Existing?.Id ?? orderIds[group.InvoiceNo];
            int? customerId = group.CustomerId is null ? null : customers[group.CustomerId].Id;
            foreach (var line in group.Lines)
            {
                var row = line.Value;
                var productId = products[row.StockCode].Id;
                lines.Add(new OrderLine { OrderId = orderId, ProductId = productId, Quantity = Math.Abs(row.Quantity), UnitPrice = row.UnitPrice });
                if (group.Kind == OrderKind.Purchase)
                {
                    events.Add(new BehaviorEvent
                    {
                        CustomerId = customerId,
                        ProductId = productId,
                        SessionId = "inv-" + group.InvoiceNo,
                        Type = EventType.Purchase,
                        OccurredAt = row.InvoiceDate,
                        OrderId = orderId,
                    });
                }

                batch.Accept(line, Tags(group));
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
            foreach (var (group, _) in newOrders)
            {
                _createdThisRun[group.InvoiceNo] = new CreatedOrder(group.CustomerId, group.Kind);
            }

            foreach (var (externalId, customer) in customers)
            {
                _customers[externalId] = customer.Id;
            }

            foreach (var (sku, product) in products)
            {
                _products[sku] = product.State();
            }
        });
    }

    private static string[] Tags(InvoiceGroup group) => (group.Kind, group.CustomerId) switch
    {
        (OrderKind.Return, null) => [ImportRules.Return, ImportRules.Anonymous],
        (OrderKind.Return, _) => [ImportRules.Return],
        (_, null) => [ImportRules.Anonymous],
        _ => [],
    };

    /// <summary>
    /// The lines of one invoice that can form one order: those agreeing with its first line (or with the order this run
    /// already created for it) on the customer and on purchase versus return. The others are rejected as malformed.
    /// </summary>
    private InvoiceGroup? KeepConsistentLines(ImportBatch<OnlineRetailRow> batch, string invoice, List<ImportRow<OnlineRetailRow>> rows, ExistingOrder? existing)
    {
        var first = rows[0].Value;
        var (customerId, kind) = _createdThisRun.TryGetValue(invoice, out var created)
            ? (created.CustomerId, created.Kind)
            : (first.CustomerId, first.IsCancellation || first.Quantity < 0 ? OrderKind.Return : OrderKind.Purchase);
        var kept = new List<ImportRow<OnlineRetailRow>>(rows.Count);
        foreach (var row in rows)
        {
            if (!string.Equals(row.Value.CustomerId, customerId, StringComparison.Ordinal))
            {
                batch.Reject(row, ImportRules.Malformed, "The CustomerID differs from that of the invoice's first line: an invoice belongs to one customer.");
            }
            else if ((kind == OrderKind.Return) != (row.Value.Quantity < 0))
            {
                batch.Reject(row, ImportRules.Malformed, kind == OrderKind.Return
                    ? "A positive quantity on an invoice whose first line is a return."
                    : "A negative quantity on an invoice whose first line is a purchase.");
            }
            else
            {
                kept.Add(row);
            }
        }

        return kept.Count == 0 ? null : new InvoiceGroup(invoice, customerId, kind, kept, existing);
    }

    private async Task<Dictionary<string, Customer>> ResolveCustomersAsync(ImportBatch<OnlineRetailRow> batch, List<InvoiceGroup> groups, CancellationToken ct)
    {
        var rows = groups.Where(g => g.CustomerId is not null).SelectMany(g => g.Lines).Select(l => l.Value).ToList();
        var resolved = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var id in rows.Select(r => r.CustomerId!).Distinct(StringComparer.Ordinal))
        {
            if (_customers.TryGetValue(id, out var known))
            {
                resolved[id] = new Customer { Id = known, ExternalId = id, Country = string.Empty };
            }
            else
            {
                unknown.Add(id);
            }
        }

        if (unknown.Count == 0)
        {
            return resolved;
        }

        foreach (var stored in await batch.Db.Customers.AsNoTracking().Where(c => unknown.Contains(c.ExternalId))
                     .Select(c => new { c.Id, c.ExternalId }).ToListAsync(ct))
        {
            resolved[stored.ExternalId] = new Customer { Id = stored.Id, ExternalId = stored.ExternalId, Country = string.Empty };
        }

        foreach (var first in rows.Where(r => !resolved.ContainsKey(r.CustomerId!)).GroupBy(r => r.CustomerId!, StringComparer.Ordinal))
        {
            var customer = new Customer { ExternalId = first.Key, Country = first.First().Country, CreatedAt = first.Min(r => r.InvoiceDate) };
            batch.Db.Customers.Add(customer);
            resolved[first.Key] = customer;
        }

        return resolved;
    }

    /// <summary>
    /// Finds or creates the batch's products, and moves a product's price and name to those of its latest purchase line
    /// (by invoice date) when that is newer than what the product has. Flagged lines (outliers) set the price only of a
    /// product that has none yet.
    /// </summary>
    private async Task<Dictionary<string, ProductDraft>> ResolveProductsAsync(ImportBatch<OnlineRetailRow> batch, List<InvoiceGroup> groups, CancellationToken ct)
    {
        var db = batch.Db;
        var bySku = groups.SelectMany(g => g.Lines.Select(l => (Line: l, g.Kind))).GroupBy(x => x.Line.Value.StockCode, StringComparer.Ordinal).ToList();
        var drafts = new Dictionary<string, ProductDraft>(StringComparer.Ordinal);
        var unknown = bySku.Select(g => g.Key).Where(sku => !_products.ContainsKey(sku)).ToList();
        var stored = unknown.Count == 0
            ? []
            : await db.Products.AsNoTracking().Where(p => unknown.Contains(p.Sku)).Select(p => new { p.Id, p.Sku, p.Name, p.Price }).ToListAsync(ct);
        var latest = new Dictionary<int, DateTime>();
        if (stored.Count > 0)
        {
            var ids = stored.Select(p => p.Id).ToList();
            latest = await db.OrderLines.Where(l => ids.Contains(l.ProductId))
                .Join(db.Orders.Where(o => o.Kind == OrderKind.Purchase), l => l.OrderId, o => o.Id, (l, o) => new { l.ProductId, o.PlacedAt })
                .GroupBy(x => x.ProductId)
                .Select(g => new { g.Key, Latest = g.Max(x => x.PlacedAt) })
                .ToDictionaryAsync(x => x.Key, x => x.Latest, ct);
        }

        var storedBySku = stored.ToDictionary(p => p.Sku, StringComparer.Ordinal);
        foreach (var lines in bySku)
        {
            var sku = lines.Key;
            ProductState? state = _products.TryGetValue(sku, out var cached) ? cached
                : storedBySku.TryGetValue(sku, out var s) ? new ProductState(s.Id, s.Name, s.Price, latest.GetValueOrDefault(s.Id, DateTime.MinValue))
                : null;

            // The latest purchase line, preferring lines that are not flagged; file order breaks ties.
            var candidates = lines.Where(x => x.Kind == OrderKind.Purchase).Select(x => x.Line).ToList();
            var pick = candidates.Where(l => l.Flag is null).OrderBy(l => l.Value.InvoiceDate).LastOrDefault()
                ?? (state is null ? candidates.OrderBy(l => l.Value.InvoiceDate).LastOrDefault() : null);
            if (state is null)
            {
                var source = (pick ?? lines.Select(x => x.Line).OrderBy(l => l.Value.InvoiceDate).Last()).Value;
                var name = NameOf(source, sku);
                var product = new Product
                {
                    Sku = sku,
                    Name = name,
                    Category = OnlineRetailCategories.For(sku, name),
                    Price = source.UnitPrice,
                    CreatedAt = lines.Min(x => x.Line.Value.InvoiceDate),
                };
                db.Products.Add(product);
                drafts[sku] = new ProductDraft(product, pick is null ? DateTime.MinValue : source.InvoiceDate);
                continue;
            }

            if (pick is not null && pick.Value.InvoiceDate >= state.LatestAt)
            {
                var row = pick.Value;
                var name = row.Description.Length == 0 ? state.Name : NameOf(row, sku);
                var changed = name != state.Name || row.UnitPrice != state.Price;
                var product = new Product { Id = state.Id, Sku = sku, Name = name, Category = OnlineRetailCategories.For(sku, name), Price = row.UnitPrice };
                if (changed)
                {
                    var entry = db.Products.Attach(product);
                    entry.Property(p => p.Name).IsModified = true;
                    entry.Property(p => p.Category).IsModified = true;
                    entry.Property(p => p.Price).IsModified = true;
                }

                drafts[sku] = new ProductDraft(product, row.InvoiceDate);
                continue;
            }

            drafts[sku] = new ProductDraft(new Product { Id = state.Id, Sku = sku, Name = state.Name, Category = string.Empty, Price = state.Price }, state.LatestAt);
        }

        return drafts;
    }

    private static string NameOf(OnlineRetailRow row, string sku)
    {
        var name = row.Description.Length == 0 ? sku : row.Description;
        return name.Length > MaxNameLength ? name[..MaxNameLength] : name;
    }

    private static void AddIfEmpty(List<string> empty, CsvColumn column, string value)
    {
        if (value.Length == 0)
        {
            empty.Add(column.Name);
        }
    }

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private sealed record ExistingOrder(int Id, string InvoiceNo, decimal Total);

    private sealed record CreatedOrder(string? CustomerId, OrderKind Kind);

    private sealed record ProductState(int Id, string Name, decimal Price, DateTime LatestAt);

    /// <summary>A product as this batch leaves it; its id is known once the batch has been saved.</summary>
    private sealed record ProductDraft(Product Product, DateTime LatestAt)
    {
        public int Id => Product.Id;

        public ProductState State() => new(Product.Id, Product.Name, Product.Price, LatestAt);
    }

    private sealed record InvoiceGroup(string InvoiceNo, string? CustomerId, OrderKind Kind, List<ImportRow<OnlineRetailRow>> Lines, ExistingOrder? Existing)
    {
        public decimal Total => Lines.Sum(l => Math.Abs(l.Value.Quantity) * l.Value.UnitPrice);
    }
}
