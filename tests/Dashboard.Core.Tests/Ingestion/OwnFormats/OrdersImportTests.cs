using Dashboard.Core.Events;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Ingestion.OwnFormats;
using Dashboard.Core.Orders;
using Dashboard.Core.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Core.Tests.Ingestion.OwnFormats.OwnFormatImportHost;

namespace Dashboard.Core.Tests.Ingestion.OwnFormats;

/// <summary>Orders files against customers and products imported first (see <see cref="OwnFormatImportHost.SeedCustomersAndProductsAsync"/>).</summary>
public sealed class OrdersImportTests : IDisposable
{
    private readonly OwnFormatImportHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_CreatesOrdersLinesAndPurchaseEvents_FromTheReadmeExample()
    {
        await _host.ImportAsync(ImportKind.Customers, "customers.csv", CustomersHeader,
            "C000042,Ann,Archer,ann@example.com,+44 20 7946 0958,United Kingdom,2024-03-01,true,false,true");
        await _host.ImportAsync(ImportKind.Products, "products.csv", ProductsHeader, "P00001,Enamel mug,Kitchen,7.50,true", "P00002,Tea towel,Kitchen,3.20,true");

        var report = await _host.ImportAsync(ImportKind.Orders, "orders.csv", OrdersHeader,
            "536365,C000042,2026-11-02 14:05:00,United Kingdom,P00001,2,7.50,purchase",
            "536365,C000042,2026-11-02 14:05:00,United Kingdom,P00002,1,3.20,purchase");

        Assert.Equal((2L, 2L, 0L, 0L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        Assert.Empty(report.Rules);
        await using var db = _host.Database.CreateDbContext();
        var customerId = await db.Customers.Where(c => c.ExternalId == "C000042").Select(c => c.Id).SingleAsync();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync();
        Assert.Equal(("536365", (int?)customerId, OrderKind.Purchase, new DateTime(2026, 11, 2, 14, 5, 0), "United Kingdom", 18.20m),
            (order.InvoiceNo, order.CustomerId, order.Kind, order.PlacedAt, order.Country, order.Total));
        Assert.Equal([(2, 7.50m), (1, 3.20m)], order.Lines.OrderBy(l => l.Id).Select(l => (l.Quantity, l.UnitPrice)));
        var events = await db.Events.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(order.Lines.OrderBy(l => l.Id).Select(l => (int?)l.ProductId), events.Select(e => e.ProductId));
        Assert.All(events, e => Assert.Equal((EventType.Purchase, "inv-536365", (int?)customerId, order.PlacedAt, (int?)order.Id, (int?)null),
            (e.Type, e.SessionId, e.CustomerId, e.OccurredAt, e.OrderId, e.CampaignId)));
    }

    [Fact]
    public async Task Import_StoresReturnsWithPositiveQuantities_ByKindInvoicePrefixOrNegativeQuantity()
    {
        await _host.SeedCustomersAndProductsAsync();

        var report = await _host.ImportAsync(ImportKind.Orders, "orders.csv", OrdersHeader,
            "R1,C1,2026-11-03 10:00:00,United Kingdom,P1,1,7.50,return",      // 2 kind says so
            "C536379,C1,2026-11-03 11:00:00,United Kingdom,P1,1,7.50,",       // 3 invoice starts with C
            "536380,C2,2026-11-03 12:00:00,France,P2,-3,3.20,",               // 4 negative quantity
            "536380,C2,2026-11-03 12:00:00,France,P1,-1,7.50,",               // 5
            "C536381,C2,2026-11-03 13:00:00,France,P2,2,3.20,PURCHASE",       // 6 an explicit kind wins over the prefix
            "536382,C2,2026-11-03 14:00:00,France,P2,-2,3.20,purchase",       // 7 a purchase cannot give back
            "536383,C2,2026-11-03 15:00:00,France,P2,2,3.20,refund");         // 8 not a kind

        Assert.Equal((7L, 5L, 2L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.Malformed] = 2, [ImportRules.Return] = 4 }, report.Rules);
        Assert.Equal(
            [
                (7L, "quantity -2 is negative on a line whose kind is purchase: a purchase's quantities are positive."),
                (8L, "kind 'refund' is neither purchase nor return."),
            ],
            (await _host.ListedAsync(report.RunId)).Select(r => (r.LineNumber, r.Reason)));
        await using var db = _host.Database.CreateDbContext();
        var orders = await db.Orders.Include(o => o.Lines).OrderBy(o => o.InvoiceNo).ToListAsync();
        Assert.Equal(
            [
                ("536380", OrderKind.Return, 17.10m, "3 1"),
                ("C536379", OrderKind.Return, 7.50m, "1"),
                ("C536381", OrderKind.Purchase, 6.40m, "2"),
                ("R1", OrderKind.Return, 7.50m, "1"),
            ],
            orders.Select(o => (o.InvoiceNo, o.Kind, o.Total, string.Join(' ', o.Lines.OrderBy(l => l.Id).Select(l => l.Quantity)))));
        // Only the purchase has a purchase event.
        Assert.Equal(["inv-C536381"], await db.Events.Select(e => e.SessionId).ToListAsync());
    }

    [Fact]
    public async Task Import_StoresInvoicesWithoutCustomerIdAsAnonymousOrders_WithTheirCountry()
    {
        await _host.SeedCustomersAndProductsAsync();

        var report = await _host.ImportAsync(ImportKind.Orders, "orders.csv", OrdersHeader,
            "A1,,2026-11-04 09:00:00,Germany,P1,1,7.50,",
            "A2,,2026-11-04 09:30:00,,P3,1,12.00,",
            "C9,,2026-11-04 10:00:00,,P3,1,12.00,",
            "536400,C3,2026-11-04 11:00:00,,P3,1,12.00,");

        Assert.Equal((4L, 4L), (report.RowsRead, report.Accepted));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.Anonymous] = 3, [ImportRules.Return] = 1 }, report.Rules);
        await using var db = _host.Database.CreateDbContext();
        var orders = await db.Orders.OrderBy(o => o.InvoiceNo).Select(o => new { o.InvoiceNo, o.CustomerId, o.Kind, o.Country }).ToListAsync();
        // No country on the rows: the customer's, or Unknown for an anonymous order.
        Assert.Equal(
            [
                ("536400", true, OrderKind.Purchase, "Norway"),
                ("A1", false, OrderKind.Purchase, "Germany"),
                ("A2", false, OrderKind.Purchase, OrdersImporter.UnknownCountry),
                ("C9", false, OrderKind.Return, OrdersImporter.UnknownCountry),
            ],
            orders.Select(o => (o.InvoiceNo, o.CustomerId is not null, o.Kind, o.Country)));
        var anonymousEvents = await db.Events.Where(e => e.SessionId == "inv-A1" || e.SessionId == "inv-A2").ToListAsync();
        Assert.Equal(2, anonymousEvents.Count);
        Assert.All(anonymousEvents, e => Assert.Null(e.CustomerId));
    }

    [Fact]
    public async Task Import_AddsOnlyTheNewInvoices_WhenANewerExportOverlaps_AndSkipsTheSameFile()
    {
        await _host.SeedCustomersAndProductsAsync();
        var older = _host.Write("orders_1.csv", OrdersHeader,
            "536365,C1,2026-11-02 14:05:00,United Kingdom,P1,2,7.50,purchase",
            "536365,C1,2026-11-02 14:05:00,United Kingdom,P2,1,3.20,purchase",
            "536366,C2,2026-11-02 15:00:00,France,P3,1,12.00,purchase");
        await _host.ImportAsync(ImportKind.Orders, older);
        var before = await _host.CountAsync();

        var same = await _host.ImportAsync(ImportKind.Orders, older);
        Assert.Equal(ImportStatus.Skipped, same.Status);
        Assert.Equal(before, await _host.CountAsync());

        var report = await _host.ImportAsync(ImportKind.Orders, "orders_2.csv", OrdersHeader,
            "536365,C1,2026-11-02 14:05:00,United Kingdom,P1,2,7.50,purchase",
            "536365,C1,2026-11-02 14:05:00,United Kingdom,P2,1,3.20,purchase",
            "536366,C2,2026-11-02 15:00:00,France,P3,1,12.00,purchase",
            "536367,C3,2026-11-03 09:00:00,Norway,P1,4,7.50,purchase",
            "536367,C3,2026-11-03 09:00:00,Norway,P3,1,12.00,purchase");

        Assert.Equal((5L, 5L, 0L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 3 }, report.Rules);
        Assert.Equal(before with { Orders = before.Orders + 1, OrderLines = before.OrderLines + 2, Events = before.Events + 2 }, await _host.CountAsync());
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(42m, (await db.Orders.SingleAsync(o => o.InvoiceNo == "536367")).Total);
        Assert.Equal(18.20m, (await db.Orders.SingleAsync(o => o.InvoiceNo == "536365")).Total);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(2)]
    [InlineData(1)]
    public async Task Import_JoinsTheLinesOfAnInvoice_WhenTheFileIsNotSorted(int rowsPerBatch)
    {
        await _host.SeedCustomersAndProductsAsync();
        var path = _host.Write("orders.csv", OrdersHeader,
            "A,C1,2026-11-02 14:05:00,United Kingdom,P1,1,7.50,",   // 2
            "B,C2,2026-11-02 14:06:00,France,P2,2,3.20,",           // 3
            "A,C1,2026-11-02 14:05:00,United Kingdom,P2,1,3.20,",   // 4
            "B,C2,2026-11-02 14:06:00,France,P3,1,12.00,",          // 5
            "A,C1,2026-11-02 14:05:00,United Kingdom,P3,2,12.00,",  // 6
            "B,C3,2026-11-02 14:06:00,France,P1,1,7.50,");          // 7 another customer

        var report = await _host.ImportAsync(ImportKind.Orders, path, rowsPerBatch);

        Assert.Equal((6L, 5L, 1L), (report.RowsRead, report.Accepted, report.Rejected));
        var rejected = Assert.Single(await _host.ListedAsync(report.RunId));
        Assert.Equal((7L, ImportRules.Malformed, "Its customer_id differs from the invoice's first line (line 3): the lines of one invoice share customer_id, placed_at, country and kind."),
            (rejected.LineNumber, rejected.Rule!, rejected.Reason));
        await using var db = _host.Database.CreateDbContext();
        var orders = await db.Orders.Include(o => o.Lines).OrderBy(o => o.InvoiceNo).ToListAsync();
        Assert.Equal([("A", 3, 34.70m), ("B", 2, 18.40m)], orders.Select(o => (o.InvoiceNo, o.Lines.Count, o.Total)));
        Assert.All(orders, o => Assert.Equal(o.Lines.Sum(l => l.Quantity * l.UnitPrice), o.Total));
        Assert.Equal(5, await db.Events.CountAsync());
    }

    [Fact]
    public async Task Import_RejectsAnErasedCustomersLinesAsErased_WithoutStoringThem()
    {
        await _host.SeedCustomersAndProductsAsync();
        int caiId;
        await using (var db = _host.Database.CreateDbContext())
        {
            caiId = await db.Customers.Where(c => c.ExternalId == "C3").Select(c => c.Id).SingleAsync();
        }

        await _host.Services.GetRequiredService<CustomerEraser>().EraseAsync(caiId, "dpo@shop.example", CancellationToken.None);
        var report = await _host.ImportAsync(ImportKind.Orders, "orders.csv", OrdersHeader,
            "536365,C1,2026-11-02 14:05:00,United Kingdom,P1,2,7.50,purchase",
            "536366,C3,2026-11-02 15:00:00,Norway,P1,1,7.50,purchase",
            "536366,C3,2026-11-02 15:00:00,Norway,P2,1,3.20,purchase");

        Assert.Equal((3L, 1L, 2L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(2L, report.Rules[ImportRules.Erased]);
        var listed = await _host.ListedAsync(report.RunId);
        Assert.Equal([(3L, ImportRules.Erased), (4L, ImportRules.Erased)], listed.Select(r => (r.LineNumber, r.Rule!)));
        Assert.All(listed, r => Assert.Null(r.RawLine));
        await using var check = _host.Database.CreateDbContext();
        Assert.Equal(["536365"], await check.Orders.Select(o => o.InvoiceNo).ToListAsync());
    }
}
