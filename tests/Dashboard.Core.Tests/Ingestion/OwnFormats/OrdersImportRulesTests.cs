using System.Globalization;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Ingestion.OwnFormats;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Core.Tests.Ingestion.OwnFormats.OwnFormatImportHost;

namespace Dashboard.Core.Tests.Ingestion.OwnFormats;

/// <summary>The cleaning rules of orders files, line by line.</summary>
public sealed class OrdersImportRulesTests : IDisposable
{
    private readonly OwnFormatImportHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_RejectsEachBadLine_WithItsRuleReasonAndLine()
    {
        await _host.SeedCustomersAndProductsAsync();

        var report = await _host.ImportAsync(ImportKind.Orders, "orders.csv", OrdersHeader,
            "536500,C1,2026-11-05 09:00:00,United Kingdom,P1,2,7.50,purchase",  // 2
            "536500,C1,2026-11-05 09:00:00,United Kingdom,P1,2,7.50,purchase",  // 3 exact copy
            "536500,C1,2026-11-05 09:00:00,United Kingdom,P2,0,3.20,purchase",  // 4 quantity 0
            "536500,C1,2026-11-05 09:00:00,United Kingdom,P2,1,0,purchase",     // 5 free
            "536500,C2,2026-11-05 09:00:00,United Kingdom,P3,1,12.00,purchase", // 6 another customer
            "536500,C1,2026-11-05 09:05:00,France,P3,1,12.00,purchase",         // 7 another time and country
            "536501,C1,05/11/2026,United Kingdom,P1,1,7.50,",                   // 8 not our date
            "536502,C1,2026-11-05 10:00:00,United Kingdom,,1,7.50,",            // 9 no SKU
            "536503,C1,2026-11-05 10:00:00,United Kingdom,P1,1.5,7.50,",        // 10 not a whole number
            "536504,C1,2026-11-05 10:00:00,United Kingdom,P1,1,-7.50,");        // 11 negative price

        Assert.Equal((10L, 1L, 9L, 0L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        Assert.Equal(
            new Dictionary<string, long> { [ImportRules.Duplicate] = 1, [ImportRules.Malformed] = 4, [ImportRules.MissingField] = 1, [ImportRules.NonPositive] = 3 },
            report.Rules);
        Assert.Equal(
            [
                (3L, ImportRules.Duplicate, "An exact copy of an earlier row of this file (every field equal)."),
                (4L, ImportRules.NonPositive, "quantity is 0."),
                (5L, ImportRules.NonPositive, "unit_price 0 is not positive."),
                (6L, ImportRules.Malformed, "Its customer_id differs from the invoice's first line (line 2): the lines of one invoice share customer_id, placed_at, country and kind."),
                (7L, ImportRules.Malformed, "Its placed_at, country differ from the invoice's first line (line 2): the lines of one invoice share customer_id, placed_at, country and kind."),
                (8L, ImportRules.Malformed, "placed_at '05/11/2026' is not a date: write yyyy-MM-dd, yyyy-MM-dd HH:mm:ss or ISO 8601 such as 2026-11-02T14:05:00Z."),
                (9L, ImportRules.MissingField, "Empty required field: sku."),
                (10L, ImportRules.Malformed, "quantity '1.5' is not a whole number."),
                (11L, ImportRules.NonPositive, "unit_price -7.50 is not positive."),
            ],
            (await _host.ListedAsync(report.RunId)).Select(r => (r.LineNumber, r.Rule!, r.Reason)));
        await using var db = _host.Database.CreateDbContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync();
        Assert.Equal(("536500", 1, 15.00m), (order.InvoiceNo, order.Lines.Count, order.Total));
    }

    [Fact]
    public async Task Import_RejectsTheWholeInvoice_WhenItsCustomerOrOneOfItsSkusIsUnknown_AndImportsItWithANewerExportOnceTheyExist()
    {
        await _host.SeedCustomersAndProductsAsync();
        string[] lines =
        [
            "536600,C1,2026-11-06 09:00:00,United Kingdom,P1,1,7.50,",  // 2
            "536600,C1,2026-11-06 09:00:00,United Kingdom,P9,1,1.00,",  // 3 not in the catalogue
            "536600,C1,2026-11-06 09:00:00,United Kingdom,P2,1,3.20,",  // 4
            "536601,C9,2026-11-06 10:00:00,Spain,P1,1,7.50,",           // 5 not a customer
            "536602,C2,2026-11-06 11:00:00,France,P1,1,7.50,",          // 6
        ];

        var report = await _host.ImportAsync(ImportKind.Orders, "orders_1.csv", OrdersHeader, lines);

        Assert.Equal((5L, 1L, 4L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(4L, report.Rules[ImportRules.UnknownReference]);
        Assert.Equal(
            [
                (2L, "Invoice 536600 is imported whole, and its line 3 refers to an unknown sku 'P9'."),
                (3L, "sku 'P9' is not in the catalogue: import the products file before the orders that refer to it."),
                (4L, "Invoice 536600 is imported whole, and its line 3 refers to an unknown sku 'P9'."),
                (5L, "customer_id 'C9' is not a known customer: import the customers file before the orders that refer to it."),
            ],
            (await _host.ListedAsync(report.RunId)).Select(r => (r.LineNumber, r.Reason)));
        Assert.Equal(["536602"], await OrderNumbersAsync());

        await _host.ImportAsync(ImportKind.Products, "products_2.csv", ProductsHeader, "P9,Gift wrap,Extras,1.00,true");
        var newer = await _host.ImportAsync(ImportKind.Orders, "orders_2.csv", OrdersHeader,
            [.. lines, "536603,C3,2026-11-07 09:00:00,Norway,P9,2,1.00,"]);

        Assert.Equal((6L, 5L, 1L), (newer.RowsRead, newer.Accepted, newer.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 1, [ImportRules.UnknownReference] = 1 }, newer.Rules);
        Assert.Equal(["536600", "536602", "536603"], await OrderNumbersAsync());
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(11.70m, (await db.Orders.SingleAsync(o => o.InvoiceNo == "536600")).Total);
    }

    [Fact]
    public async Task Import_FlagsPricesAndQuantitiesFarFromTheTypical_AndKeepsThem()
    {
        await _host.SeedCustomersAndProductsAsync();
        (string Sku, string Price)[] catalogue = [("P1", "7.50"), ("P2", "3.20"), ("P3", "12.00")];
        var lines = Enumerable.Range(0, 42)
            .Select(i => string.Create(CultureInfo.InvariantCulture,
                $"{600000 + i},C1,2026-11-08 09:00:00,United Kingdom,{catalogue[i % 3].Sku},{1 + (i % 6)},{catalogue[i % 3].Price},"))
            .Append("600100,C2,2026-11-08 10:00:00,France,P3,1,5000.00,")     // line 44
            .Append("600101,C2,2026-11-08 11:00:00,France,P1,10000,7.50,")    // line 45
            .ToArray();

        var report = await _host.ImportAsync(ImportKind.Orders, "orders.csv", OrdersHeader, lines);

        Assert.Equal((44L, 42L, 0L, 2L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.Outlier] = 2 }, report.Rules);
        var flagged = await _host.ListedAsync(report.RunId);
        Assert.Equal([(44L, ImportRowOutcome.Flagged), (45L, ImportRowOutcome.Flagged)], flagged.Select(r => (r.LineNumber, r.Outcome)));
        Assert.StartsWith("unit_price 5000 is far from the typical unit_price of this file", flagged[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("quantity 10000 is far from the typical quantity of this file", flagged[1].Reason, StringComparison.Ordinal);
        Assert.Equal(44, (await _host.CountAsync()).OrderLines);
    }

    [Fact]
    public async Task Import_RejectsLinesOfAnInvoiceCreatedFurtherUpThanItRemembers_InsteadOfCallingThemImported()
    {
        using var host = new OwnFormatImportHost(services =>
            services.AddKeyedTransient<FileImporter>(ImportKind.Orders, (_, _) => new OrdersImporter { InvoicesRemembered = 1 }));
        await host.SeedCustomersAndProductsAsync();
        await host.ImportAsync(ImportKind.Orders, "orders_1.csv", OrdersHeader, "536000,C1,2026-11-01 09:00:00,United Kingdom,P1,1,7.50,");
        var path = host.Write("orders_2.csv", OrdersHeader,
            "536000,C1,2026-11-01 09:00:00,United Kingdom,P1,1,7.50,",  // 2 imported before
            "A,C1,2026-11-02 14:05:00,United Kingdom,P1,1,7.50,",       // 3
            "B,C2,2026-11-02 14:06:00,France,P2,2,3.20,",               // 4
            "B,C2,2026-11-02 14:06:00,France,P1,1,7.50,",               // 5 the invoice just before: joined
            "A,C1,2026-11-02 14:05:00,United Kingdom,P2,1,3.20,");      // 6 two invoices back: too far

        var report = await host.ImportAsync(ImportKind.Orders, path, rowsPerBatch: 1);

        Assert.Equal((5L, 4L, 1L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(1L, report.Rules[ImportRules.AlreadyImported]);
        var rejected = Assert.Single(await host.ListedAsync(report.RunId));
        Assert.Equal((6L, ImportRules.Malformed,
                "Invoice A was created by this import from lines more than 1 invoices further up the file: keep the lines of one invoice together (an export sorted by invoice or by time does)."),
            (rejected.LineNumber, rejected.Rule!, rejected.Reason));
        await using var db = host.Database.CreateDbContext();
        var orders = await db.Orders.OrderBy(o => o.InvoiceNo).Select(o => new { o.InvoiceNo, Lines = o.Lines.Count, o.Total }).ToListAsync();
        Assert.Equal([("536000", 1, 7.50m), ("A", 1, 7.50m), ("B", 2, 13.90m)], orders.Select(o => (o.InvoiceNo, o.Lines, o.Total)));
    }

    private async Task<List<string>> OrderNumbersAsync()
    {
        await using var db = _host.Database.CreateDbContext();
        return await db.Orders.OrderBy(o => o.InvoiceNo).Select(o => o.InvoiceNo).ToListAsync();
    }
}
