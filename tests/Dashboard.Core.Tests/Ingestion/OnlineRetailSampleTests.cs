using System.Text.Json;
using Dashboard.Core.Events;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Ingestion.OnlineRetail;
using Dashboard.Core.Orders;
using Dashboard.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Ingestion;

/// <summary>
/// The committed sample of the real file (see Fixtures/README.md), whose outcomes were counted by hand: 318 rows;
/// 4 exact duplicates in invoice 536409 (lines 278, 288, 298, 300); 3 non-positive (lines 302, 305, 317); 3 outliers
/// flagged (line 316, price 11,062.06; lines 318 and 319, quantity ±80,995); the other 308 accepted. 12 kept rows
/// are returns (5 cancellation invoices), 13 anonymous (5 invoices). That leaves 35 orders, 311 order lines, 299
/// purchase events, 20 customers and 239 products.
/// </summary>
public sealed class OnlineRetailSampleTests : IDisposable
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private readonly ImportTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_GivesEveryRowOneOutcome_WithTheHandCountedNumbers()
    {
        var report = await _host.ImportAsync(ImportTestHost.SamplePath);

        Assert.Equal(ImportStatus.Succeeded, report.Status);
        Assert.Equal((318L, 308L, 7L, 3L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        Assert.Equal(report.RowsRead, report.Accepted + report.Rejected + report.Flagged);
        Assert.Equal((4L, 12L, 13L, 0L), (report.Duplicates, report.Returns, report.Anonymous, report.AlreadyImported));
        Assert.Equal(
            new Dictionary<string, long>
            {
                [ImportRules.Anonymous] = 13,
                [ImportRules.Duplicate] = 4,
                [ImportRules.NonPositive] = 3,
                [ImportRules.Outlier] = 3,
                [ImportRules.Return] = 12,
            },
            report.Rules);
        Assert.Equal(new ImportTestHost.TableCounts(Customers: 20, Products: 239, Orders: 35, Returns: 5, OrderLines: 311, Events: 299, ListedRows: 10),
            await _host.CountAsync());

        await using var db = _host.Database.CreateDbContext();
        var run = await db.ImportRuns.Include(r => r.RuleCounts).SingleAsync();
        Assert.Equal((ImportStatus.Succeeded, "online_retail_sample.csv", "utf-8", "Online Retail CSV", "tests@shop.example"),
            (run.Status, run.Source, run.Encoding, run.Format, run.StartedBy));
        Assert.Equal((318L, 308L, 7L, 3L), (run.RowsRead, run.RowsAccepted, run.RowsRejected, run.RowsFlagged));
        Assert.Equal(64, run.ContentHash!.Length);
        Assert.Equal(report.Rules, run.RuleCounts.ToDictionary(c => c.Rule, c => c.Rows));
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task Import_ListsRejectedAndFlaggedRowsWithLineRuleReasonAndRawLine()
    {
        await _host.ImportAsync(ImportTestHost.SamplePath);

        await using var db = _host.Database.CreateDbContext();
        var listed = await db.ImportRejectedRows.OrderBy(r => r.LineNumber).ToListAsync();
        Assert.Equal(
            [
                (278L, ImportRowOutcome.Rejected, ImportRules.Duplicate),
                (288L, ImportRowOutcome.Rejected, ImportRules.Duplicate),
                (298L, ImportRowOutcome.Rejected, ImportRules.Duplicate),
                (300L, ImportRowOutcome.Rejected, ImportRules.Duplicate),
                (302L, ImportRowOutcome.Rejected, ImportRules.NonPositive),
                (305L, ImportRowOutcome.Rejected, ImportRules.NonPositive),
                (316L, ImportRowOutcome.Flagged, ImportRules.Outlier),
                (317L, ImportRowOutcome.Rejected, ImportRules.NonPositive),
                (318L, ImportRowOutcome.Flagged, ImportRules.Outlier),
                (319L, ImportRowOutcome.Flagged, ImportRules.Outlier),
            ],
            listed.Select(r => (r.LineNumber, r.Outcome, r.Rule!)));
        var lines = await File.ReadAllLinesAsync(ImportTestHost.SamplePath);
        Assert.All(listed, r => Assert.Equal(lines[r.LineNumber - 1], r.RawLine));
        Assert.Equal("UnitPrice -11062.06 is not positive.", listed.Single(r => r.LineNumber == 317).Reason);
        Assert.StartsWith("UnitPrice 11062.06 is far from the typical UnitPrice", listed.Single(r => r.LineNumber == 316).Reason, StringComparison.Ordinal);
        Assert.StartsWith("Quantity 80995 is far from the typical Quantity", listed.Single(r => r.LineNumber == 318).Reason, StringComparison.Ordinal);

        // Flagged rows are kept: the 80,995 paper crafts and their cancellation are an order and a return.
        var flaggedOrders = await db.Orders.Where(o => o.InvoiceNo == "581483" || o.InvoiceNo == "C581484")
            .Select(o => new { o.Kind, Quantity = o.Lines.Single().Quantity }).ToListAsync();
        Assert.Equal([(OrderKind.Purchase, 80995), (OrderKind.Return, 80995)], flaggedOrders.Select(o => (o.Kind, o.Quantity)).OrderBy(o => o.Kind));
    }

    [Fact]
    public async Task Import_StoresCancellationsAsReturnsWithPositiveQuantitiesAndNoPurchaseEvents()
    {
        await _host.ImportAsync(ImportTestHost.SamplePath);

        await using var db = _host.Database.CreateDbContext();
        var returns = await db.Orders.Where(o => o.Kind == OrderKind.Return).Include(o => o.Lines).OrderBy(o => o.InvoiceNo).ToListAsync();
        Assert.Equal(["C536379", "C536383", "C536391", "C537581", "C581484"], returns.Select(o => o.InvoiceNo));
        Assert.All(returns, o => Assert.All(o.Lines, l => Assert.True(l.Quantity > 0 && l.UnitPrice > 0)));
        var c536391 = returns.Single(o => o.InvoiceNo == "C536391");
        Assert.Equal([12, 24, 24, 24, 12, 12, 24], c536391.Lines.OrderBy(l => l.Id).Select(l => l.Quantity));
        Assert.Equal(c536391.Lines.Sum(l => l.Quantity * l.UnitPrice), c536391.Total);
        Assert.True(c536391.Total > 0);
        var returnIds = returns.Select(o => o.Id).ToList();
        Assert.False(await db.Events.AnyAsync(e => e.OrderId != null && returnIds.Contains(e.OrderId.Value)));
    }

    [Fact]
    public async Task Import_StoresInvoicesWithoutCustomerIdAsAnonymousOrders()
    {
        await _host.ImportAsync(ImportTestHost.SamplePath);

        await using var db = _host.Database.CreateDbContext();
        var anonymous = await db.Orders.Where(o => o.CustomerId == null).OrderBy(o => o.InvoiceNo).Select(o => o.InvoiceNo).ToListAsync();
        Assert.Equal(["536555", "536596", "540238", "A563185", "C537581"], anonymous);
        var events = await db.Events.Where(e => e.SessionId == "inv-536596").ToListAsync();
        Assert.Equal(6, events.Count);
        Assert.All(events, e => Assert.Null(e.CustomerId));
    }

    [Fact]
    public async Task Import_CreatesCustomersProductsAndPurchaseEventsFromTheRows()
    {
        await _host.ImportAsync(ImportTestHost.SamplePath);

        await using var db = _host.Database.CreateDbContext();
        var customer = await db.Customers.SingleAsync(c => c.ExternalId == "17850");
        Assert.Equal(("United Kingdom", new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc)), (customer.Country, customer.CreatedAt));
        Assert.Equal("France", (await db.Customers.SingleAsync(c => c.ExternalId == "12583")).Country);

        var heart = await db.Products.SingleAsync(p => p.Sku == "85123A");
        Assert.Equal(("WHITE HANGING HEART T-LIGHT HOLDER", "Candles and lights", 2.55m, true), (heart.Name, heart.Category, heart.Price, heart.IsActive));
        var voucher = await db.Products.SingleAsync(p => p.Sku == "gift_0001_30");
        Assert.Equal(("Dotcomgiftshop Gift Voucher £30.00", OnlineRetailCategories.GiftVouchers), (voucher.Name, voucher.Category));
        Assert.Equal(OnlineRetailCategories.Fees, (await db.Products.SingleAsync(p => p.Sku == "POST")).Category);

        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.InvoiceNo == "536365");
        Assert.Equal((customer.Id, OrderKind.Purchase, "United Kingdom", new DateTime(2010, 12, 1, 8, 26, 0, DateTimeKind.Utc), 7),
            (order.CustomerId, order.Kind, order.Country, order.PlacedAt, order.Lines.Count));
        Assert.Equal(139.12m, order.Total);
        var events = await db.Events.Where(e => e.OrderId == order.Id).ToListAsync();
        Assert.Equal(7, events.Count);
        Assert.All(events, e => Assert.Equal((EventType.Purchase, "inv-536365", (int?)customer.Id, order.PlacedAt), (e.Type, e.SessionId, e.CustomerId, e.OccurredAt)));
        Assert.Equal(order.Lines.Select(l => l.ProductId).Order(), events.Select(e => e.ProductId!.Value).Order());
    }

    [Fact]
    public async Task Import_IsSkippedAndChangesNothing_WhenTheSameFileWasImportedBefore()
    {
        var first = await _host.ImportAsync(ImportTestHost.SamplePath);
        var before = await _host.CountAsync();

        var again = await _host.ImportAsync(ImportTestHost.SamplePath);

        Assert.Equal((ImportStatus.Skipped, first.RunId, 0L), (again.Status, again.SameFileAsRunId, again.RowsRead));
        Assert.Equal(before, await _host.CountAsync());
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal([ImportStatus.Succeeded, ImportStatus.Skipped], await db.ImportRuns.OrderBy(r => r.Id).Select(r => r.Status).ToListAsync());
    }

    [Fact]
    public async Task Import_AddsOnlyTheNewInvoices_WhenANewerExportOverlapsTheLastOne()
    {
        await _host.ImportAsync(ImportTestHost.SamplePath);
        var newer = _host.WriteText("online_retail_newer.csv",
            await File.ReadAllTextAsync(ImportTestHost.SamplePath)
            + "581600,85123A,WHITE HANGING HEART T-LIGHT HOLDER,12,2011-12-10 10:00:00,2.95,17850,United Kingdom\n"
            + "581600,99999,NEW PAPER LANTERN,4,2011-12-10 10:00:00,1.25,17850,United Kingdom\n"
            + "581601,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-12-10 11:00:00,2.95,19999,Norway\n");

        var report = await _host.ImportAsync(newer);

        Assert.Equal(ImportStatus.Succeeded, report.Status);
        // The sample's 311 kept rows are already imported (accepted, nothing written; their flags were raised by the
        // first run); its 7 rejected rows are rejected again; the 3 new rows are imported.
        Assert.Equal((321L, 314L, 7L, 0L, 311L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged, report.AlreadyImported));
        Assert.Equal(new ImportTestHost.TableCounts(Customers: 21, Products: 240, Orders: 37, Returns: 5, OrderLines: 314, Events: 302, ListedRows: 17),
            await _host.CountAsync());
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(("Norway", new DateTime(2011, 12, 10, 11, 0, 0, DateTimeKind.Utc)),
            await db.Customers.Where(c => c.ExternalId == "19999").Select(c => ValueTuple.Create(c.Country, c.CreatedAt)).SingleAsync());
        Assert.Equal(2.95m, (await db.Products.SingleAsync(p => p.Sku == "85123A")).Price);
        Assert.Equal(2, await db.Orders.CountAsync(o => o.InvoiceNo == "581600" || o.InvoiceNo == "581601"));
    }

    [Fact]
    public async Task Import_FailsResumably_WhenCancelledAfterSomeBatches_AndImportingAgainCompletesIt()
    {
        using var cancel = new CancellationTokenSource();
        var commits = 0;
        var progress = new SyncProgress<ImportProgress>(p =>
        {
            if (p.Stage == ImportProgress.Importing && p.RowsRead < 300 && ++commits == 2)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _host.ImportAsync(ImportTestHost.SamplePath, rowsPerBatch: 50, progress, cancel.Token));

        await using (var db = _host.Database.CreateDbContext())
        {
            var failed = await db.ImportRuns.SingleAsync();
            Assert.Equal(ImportStatus.Failed, failed.Status);
            Assert.Contains("The import was cancelled (at line", failed.Error, StringComparison.Ordinal);
            Assert.Contains("had been committed", failed.Error, StringComparison.Ordinal);
            Assert.Contains("The import is resumable: import the same file again", failed.Error, StringComparison.Ordinal);
            Assert.Contains("already-imported", failed.Error, StringComparison.Ordinal);
            Assert.InRange(failed.RowsRead, 100, 200);
            Assert.Equal(failed.RowsRead, failed.RowsAccepted + failed.RowsRejected + failed.RowsFlagged);
            Assert.Equal(await db.Orders.SelectMany(o => o.Lines).CountAsync(), failed.RowsAccepted + failed.RowsFlagged);
        }

        var resumed = await _host.ImportAsync(ImportTestHost.SamplePath, rowsPerBatch: 50);

        Assert.Equal(ImportStatus.Succeeded, resumed.Status);
        Assert.Equal((318L, 7L), (resumed.RowsRead, resumed.Rejected));
        Assert.Equal(resumed.RowsRead, resumed.Accepted + resumed.Rejected + resumed.Flagged);
        Assert.True(resumed.AlreadyImported > 0);
        // The same database as one uninterrupted import, and nothing twice.
        Assert.Equal(new ImportTestHost.TableCounts(Customers: 20, Products: 239, Orders: 35, Returns: 5, OrderLines: 311, Events: 299, ListedRows: 0),
            await _host.CountAsync() with { ListedRows = 0 });
    }

    [Fact]
    public async Task Import_RejectsAnErasedCustomersRowsAsErased_WithoutStoringTheirLines()
    {
        await using (var db = _host.Database.CreateDbContext())
        {
            db.ErasedIdentifiers.Add(new ErasedIdentifier { Hash = ErasedIdentifier.HashOf("17850"), ErasedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        }

        var report = await _host.ImportAsync(ImportTestHost.SamplePath);

        Assert.Equal(ImportStatus.Succeeded, report.Status);
        Assert.Equal(45L, report.Rules[ImportRules.Erased]);
        Assert.Equal((318L, 263L, 52L, 3L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        await using var check = _host.Database.CreateDbContext();
        Assert.False(await check.Customers.AnyAsync(c => c.ExternalId == "17850"));
        Assert.False(await check.Orders.AnyAsync(o => o.InvoiceNo == "536365"));
        var erased = await check.ImportRejectedRows.Where(r => r.Rule == ImportRules.Erased).ToListAsync();
        Assert.Equal(45, erased.Count);
        Assert.All(erased, r => Assert.Null(r.RawLine));
        Assert.False(await check.ImportRejectedRows.AnyAsync(r => r.Reason.Contains("17850") || (r.RawLine != null && r.RawLine.Contains("17850"))));
    }

    [Fact]
    public async Task Report_SerializesWithNamesForStatusAndRules()
    {
        var report = await _host.ImportAsync(ImportTestHost.SamplePath);

        var json = JsonSerializer.Serialize(report, WebJson);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("Succeeded", root.GetProperty("status").GetString());
        Assert.Equal("OnlineRetail", root.GetProperty("kind").GetString());
        Assert.Equal(318, root.GetProperty("rowsRead").GetInt64());
        Assert.Equal(4, root.GetProperty("rules").GetProperty("duplicate").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
    }
}
