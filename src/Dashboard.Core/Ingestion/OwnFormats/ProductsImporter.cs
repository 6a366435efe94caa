using Dashboard.Core.Catalog;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>
/// Imports the product's products CSV (see README, "Importing data"): one row per product, upserted by <c>sku</c>
/// like <see cref="CustomersImporter"/> upserts customers (already-imported when nothing differs, updated otherwise,
/// the last of differing rows for one SKU wins).
/// <para>
/// Rules, in order: malformed and duplicate (by the engine, within the rows of one SKU); missing-field (sku, name,
/// price); malformed values (too long, a price or boolean that does not parse, a price below a cent's precision);
/// non-positive (price zero or below); already-imported or updated.
/// </para>
/// </summary>
public sealed class ProductsImporter(TimeProvider clock) : CsvImporter<ProductRow>
{
    public static readonly CsvColumn Sku = new("sku");
    public static readonly CsvColumn Name = new("name");
    public static readonly CsvColumn Category = new("category", false);
    public static readonly CsvColumn Price = new("price");
    public static readonly CsvColumn IsActive = new("is_active", false);

    /// <summary>The category of a product whose row gives none.</summary>
    public const string DefaultCategory = "Uncategorized";

    private const int MaxNameLength = 300;
    private const int MaxCategoryLength = 100;

    private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;
    private BulkInsert<Product>? _insert;

    public override ImportKind Kind => ImportKind.Products;

    public override string Format => "Products CSV";

    public override IReadOnlyList<CsvColumn> Columns { get; } = [Sku, Name, Category, Price, IsActive];

    protected override bool AllowLineBreaksInQuotes => false;

    protected override string? DuplicateScope(ImportRecord record) => record[Sku];

    protected override RowResult<ProductRow> Parse(ImportRecord record)
    {
        if (OwnFormatValues.Required(record, Sku, Name, Price) is { } missing)
        {
            return missing;
        }

        var sku = record[Sku];
        var name = record[Name];
        string? category = record.Has(Category) ? record[Category] is { Length: > 0 } given ? given : DefaultCategory : null;
        var tooLong = OwnFormatValues.Length(Sku, sku, OwnFormatValues.MaxKeyLength)
            ?? OwnFormatValues.Length(Name, name, MaxNameLength)
            ?? OwnFormatValues.Length(Category, category ?? "", MaxCategoryLength);
        if (tooLong is not null)
        {
            return tooLong;
        }

        if (OwnFormatValues.Amount(Price, record[Price], out var price) is { } badPrice)
        {
            return badPrice;
        }

        bool? isActive = null;
        if (record.Has(IsActive))
        {
            var active = true;
            if (record[IsActive] is { Length: > 0 } activeText && OwnFormatValues.Boolean(IsActive, activeText, out active) is { } badBoolean)
            {
                return badBoolean;
            }

            isActive = active;
        }

        return new ProductRow(sku, name, category, price, isActive);
    }

    protected override async Task WriteBatchAsync(ImportBatch<ProductRow> batch, CancellationToken ct)
    {
        if (batch.Rows.Count == 0)
        {
            return;
        }

        var db = batch.Db;
        var skus = batch.Rows.Select(r => r.Value.Sku).Distinct(StringComparer.Ordinal).ToList();
        // Tracked: the updates below are saved as changes of only the fields that differ.
        var stored = await db.Products.Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, ct);
        var created = new Dictionary<string, Product>(StringComparer.Ordinal);
        foreach (var row in batch.Rows)
        {
            var values = row.Value;
            var product = stored.GetValueOrDefault(values.Sku) ?? created.GetValueOrDefault(values.Sku);
            if (product is null)
            {
                created[values.Sku] = new Product
                {
                    Sku = values.Sku,
                    Name = values.Name,
                    Category = values.Category ?? DefaultCategory,
                    Price = values.Price,
                    IsActive = values.IsActive ?? true,
                    CreatedAt = _now,
                };
                batch.Accept(row);
            }
            else if (Apply(values, product))
            {
                batch.Accept(row, ImportRules.Updated);
            }
            else
            {
                batch.AlreadyImported(row);
            }
        }

        await db.SaveChangesAsync(ct);
        _insert ??= new BulkInsert<Product>(db);
        await _insert.InsertAsync([.. created.Values], ct);
    }

    /// <summary>Writes the fields the row gives onto the product; true when any of them changed.</summary>
    private static bool Apply(ProductRow row, Product product)
    {
        var before = Snapshot(product);
        product.Name = row.Name;
        product.Category = row.Category ?? product.Category;
        product.Price = row.Price;
        product.IsActive = row.IsActive ?? product.IsActive;
        return before != Snapshot(product);
    }

    private static ProductRow Snapshot(Product p) => new(p.Sku, p.Name, p.Category, p.Price, p.IsActive);
}
