using Dashboard.Core.Ingestion;
using Dashboard.Core.Ingestion.OwnFormats;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Ingestion.OwnFormats.OwnFormatImportHost;

namespace Dashboard.Core.Tests.Ingestion.OwnFormats;

public sealed class ProductsImportTests : IDisposable
{
    private readonly OwnFormatImportHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_CreatesProducts_FromTheReadmeExample_WithDefaultsForEmptyCategoryAndState()
    {
        var report = await _host.ImportAsync(ImportKind.Products, "products.csv", ProductsHeader,
            "P00001,Enamel mug,Kitchen,7.50,true",
            "P00002,Tea towel,,3.2,",
            "P00003,\"Candle, large\",Home,12,no");

        Assert.Equal((3L, 3L, 0L, 0L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        await using var db = _host.Database.CreateDbContext();
        var products = await db.Products.OrderBy(p => p.Sku).ToListAsync();
        Assert.Equal(
            [
                ("P00001", "Enamel mug", "Kitchen", 7.50m, true),
                ("P00002", "Tea towel", ProductsImporter.DefaultCategory, 3.20m, true),
                ("P00003", "Candle, large", "Home", 12m, false),
            ],
            products.Select(p => (p.Sku, p.Name, p.Category, p.Price, p.IsActive)));
        Assert.All(products, p => Assert.Equal(Now, p.CreatedAt));
    }

    [Fact]
    public async Task Import_RejectsEachBadRow_WithItsRuleReasonAndLine()
    {
        var report = await _host.ImportAsync(ImportKind.Products, "products.csv", ProductsHeader,
            "P1,Enamel mug,Kitchen,7.50,true",   // 2
            "P2,Tea towel,Kitchen,0,true",       // 3 free
            "P3,Refund,Fees,-1.00,true",         // 4 negative
            "P4,Candle,Home,\"7,50\",true",      // 5 decimal comma
            "P5,Candle,Home,£7.50,true",         // 6 currency sign
            "P6,Candle,Home,7.505,true",         // 7 below a cent
            "P7,,Home,7.50,true",                // 8 no name
            "P8,Candle,Home,7.50,sometimes",     // 9 not a boolean
            "P1,Enamel mug,Kitchen,7.50,true",   // 10 exact copy of line 2
            "P9,Lamp,Home,24.99,1");             // 11

        Assert.Equal((10L, 2L, 8L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.Duplicate] = 1, [ImportRules.Malformed] = 4, [ImportRules.MissingField] = 1, [ImportRules.NonPositive] = 2 },
            report.Rules);
        Assert.Equal(
            [
                (3L, ImportRules.NonPositive, "price 0 is not positive."),
                (4L, ImportRules.NonPositive, "price -1.00 is not positive."),
                (5L, ImportRules.Malformed, "price '7,50' is not a number: a dot for decimals, no thousands separators or currency sign."),
                (6L, ImportRules.Malformed, "price '£7.50' is not a number: a dot for decimals, no thousands separators or currency sign."),
                (7L, ImportRules.Malformed, "price 7.505 has more than two decimals: amounts are stored to the cent."),
                (8L, ImportRules.MissingField, "Empty required field: name."),
                (9L, ImportRules.Malformed, "is_active 'sometimes' is not a boolean: write true/false, 1/0 or yes/no."),
                (10L, ImportRules.Duplicate, "An exact copy of an earlier row of this file (every field equal)."),
            ],
            (await _host.ListedAsync(report.RunId)).Select(r => (r.LineNumber, r.Rule!, r.Reason)));
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(["P1", "P9"], await db.Products.OrderBy(p => p.Sku).Select(p => p.Sku).ToListAsync());
    }

    [Fact]
    public async Task Import_UpdatesChangedProductsAndAddsNewOnes_WhenANewerExportOverlaps()
    {
        await _host.ImportAsync(ImportKind.Products, "products_1.csv", ProductsHeader,
            "P1,Enamel mug,Kitchen,7.50,true",
            "P2,Tea towel,Kitchen,3.20,true",
            "P3,Candle,Home,12.00,true");

        var report = await _host.ImportAsync(ImportKind.Products, "products_2.csv", ProductsHeader,
            "P1,Enamel mug,Kitchen,7.5,yes",
            "P2,Tea towel,Kitchen,3.50,true",
            "P3,Candle,Home,12.00,false",
            "P4,Lamp,Home,24.99,true");

        Assert.Equal((4L, 4L, 0L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 1, [ImportRules.Updated] = 2 }, report.Rules);
        await using var db = _host.Database.CreateDbContext();
        var products = await db.Products.OrderBy(p => p.Sku).ToListAsync();
        Assert.Equal([("P1", 7.50m, true), ("P2", 3.50m, true), ("P3", 12m, false), ("P4", 24.99m, true)], products.Select(p => (p.Sku, p.Price, p.IsActive)));
    }

    [Fact]
    public async Task Import_KeepsCategoryAndState_WhenTheirColumnsAreNotInTheFile()
    {
        await _host.ImportAsync(ImportKind.Products, "products_1.csv", ProductsHeader, "P1,Enamel mug,Kitchen,7.50,false");

        var report = await _host.ImportAsync(ImportKind.Products, "prices.csv", "sku,name,price", "P1,Enamel mug,8.00", "P2,Tea towel,3.20");

        Assert.Equal(1L, report.Rules[ImportRules.Updated]);
        await using var db = _host.Database.CreateDbContext();
        var products = await db.Products.OrderBy(p => p.Sku).ToListAsync();
        Assert.Equal([("P1", "Kitchen", 8m, false), ("P2", ProductsImporter.DefaultCategory, 3.20m, true)], products.Select(p => (p.Sku, p.Category, p.Price, p.IsActive)));
    }

    [Fact]
    public async Task Import_IsSkippedAndChangesNothing_WhenTheSameFileIsImportedAgain()
    {
        var path = _host.Write("products.csv", ProductsHeader, "P1,Enamel mug,Kitchen,7.50,true");
        var first = await _host.ImportAsync(ImportKind.Products, path);

        var again = await _host.ImportAsync(ImportKind.Products, path);

        Assert.Equal((ImportStatus.Skipped, first.RunId), (again.Status, again.SameFileAsRunId));
        Assert.Equal(1, (await _host.CountAsync()).Products);
    }

    [Fact]
    public async Task Import_FailsWithTheExpectedHeader_WhenARequiredColumnIsMissing()
    {
        var report = await _host.ImportAsync(ImportKind.Products, _host.Write("products.csv", "sku,title,price", "P1,Enamel mug,7.50"));

        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.Contains("lacks the column name", report.Error, StringComparison.Ordinal);
        Assert.Contains("sku,name,category,price,is_active", report.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await _host.CountAsync()).Products);
    }
}
