using Dashboard.Core.Catalog;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Ingestion;

/// <summary>
/// The engine under an importer as small as a simple format needs (<see cref="PriceListImporter"/>): what every importer
/// gets for free, and the guard against an importer that forgets a row.
/// </summary>
public sealed class CsvImporterTests : IDisposable
{
    private readonly ImportTestHost _host = new(services => services
        .AddImporter<PriceListImporter>(ImportKind.Products)
        .AddImporter<ForgetfulImporter>(ImportKind.Events));

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_GivesEveryRowOneOutcome_WithASmallImporter()
    {
        await using (var db = _host.Database.CreateDbContext())
        {
            db.Products.Add(new Product { Sku = "A-1", Name = "Old", Category = "Mugs", Price = 1m });
            await db.SaveChangesAsync();
        }

        var path = _host.WriteText("prices.csv", string.Join("\n",
            "sku;name;price",
            "A-1;Mug;4.50",
            "B-2;Plate;3.00",
            "B-2;Plate;3.00",
            "C-3;;2.00",
            "D-4;Bowl",
            "E-5;Jug;cheap",
            ";Cup;1.00") + "\n");

        var report = await ImportAsync(ImportKind.Products, path);

        Assert.Equal((ImportStatus.Succeeded, 7L, 3L, 4L, 0L), (report.Status, report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        Assert.Equal(
            new Dictionary<string, long>
            {
                [ImportRules.AlreadyImported] = 1,
                [ImportRules.Duplicate] = 1,
                [ImportRules.Malformed] = 2,
                [ImportRules.MissingField] = 1,
            },
            report.Rules);
        await using var check = _host.Database.CreateDbContext();
        Assert.Equal(["A-1", "B-2", "C-3"], await check.Products.OrderBy(p => p.Sku).Select(p => p.Sku).ToListAsync());
        Assert.Equal("C-3", (await check.Products.SingleAsync(p => p.Sku == "C-3")).Name);
        Assert.Equal([4L, 6L, 7L, 8L], await check.ImportRejectedRows.OrderBy(r => r.LineNumber).Select(r => r.LineNumber).ToListAsync());
    }

    [Fact]
    public async Task Import_RejectsAnErasedPersonsRowsAsErased_EvenWhenTheLineIsMalformed()
    {
        await using (var db = _host.Database.CreateDbContext())
        {
            db.ErasedIdentifiers.Add(new ErasedIdentifier { Hash = ErasedIdentifier.HashOf("C-42"), ErasedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var path = _host.WriteText("prices.csv", "sku,name,price,owner\nA-1,Mug,4.50,C-42\nB-2,Plate,3.00,C-7\nC-3,\"Bowl,2.00,C-42\n");

        var report = await ImportAsync(ImportKind.Products, path);

        Assert.Equal((3L, 1L, 2L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(2L, report.Rules[ImportRules.Erased]);
        await using var check = _host.Database.CreateDbContext();
        var rows = await check.ImportRejectedRows.OrderBy(r => r.LineNumber).ToListAsync();
        Assert.Equal([(2L, ImportRules.Erased), (4L, ImportRules.Erased)], rows.Select(r => (r.LineNumber, r.Rule!)));
        Assert.All(rows, r => Assert.Null(r.RawLine));
        Assert.Equal(["B-2"], await check.Products.Select(p => p.Sku).ToListAsync());
    }

    [Fact]
    public async Task Import_FailsAndCommitsNothingOfTheBatch_WhenTheImporterLeavesARowUndecided()
    {
        var path = _host.WriteText("events.csv", "sku,name,price\nA-1,Mug,4.50\nB-2,Plate,3.00\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ImportAsync(ImportKind.Events, path));

        Assert.Equal("ForgetfulImporter left the row at line 3 undecided.", error.Message);
        await using var check = _host.Database.CreateDbContext();
        var run = await check.ImportRuns.SingleAsync();
        Assert.Equal((ImportStatus.Failed, 0L), (run.Status, run.RowsRead));
        Assert.StartsWith("The import failed: ForgetfulImporter left the row at line 3 undecided (while committing lines 2–3). Nothing was imported.", run.Error, StringComparison.Ordinal);
        Assert.False(await check.Products.AnyAsync());
    }

    private Task<ImportRunReport> ImportAsync(ImportKind kind, string path) =>
        _host.Importer().ImportAsync(kind, path, Path.GetFileName(path), null, null, CancellationToken.None);

    public sealed record PriceRow(string Sku, string Name, decimal Price);

    /// <summary>A whole importer for a three-column price list: columns, parse, write.</summary>
    public class PriceListImporter : CsvImporter<PriceRow>
    {
        private static readonly CsvColumn Sku = new("Sku");
        private static readonly CsvColumn Name = new("Name");
        private static readonly CsvColumn Price = new("Price");
        private static readonly CsvColumn Owner = new("Owner", Required: false);

        public override ImportKind Kind => ImportKind.Products;

        public override string Format => "Price list CSV";

        public override IReadOnlyList<CsvColumn> Columns { get; } = [Sku, Name, Price, Owner];

        protected override string? DuplicateScope(ImportRecord record) => string.Empty;

        protected override string? SubjectId(ImportRecord record) => record[Owner] is { Length: > 0 } owner ? owner : null;

        protected override RowResult<PriceRow> Parse(ImportRecord record)
        {
            if (record[Sku].Length == 0 || record[Price].Length == 0)
            {
                return ImportFinding.Reject(ImportRules.MissingField, "Sku and Price are required.");
            }

            return decimal.TryParse(record[Price], System.Globalization.CultureInfo.InvariantCulture, out var price)
                ? new PriceRow(record[Sku], record[Name] is { Length: > 0 } name ? name : record[Sku], price)
                : ImportFinding.Reject(ImportRules.Malformed, "Price is not a number.");
        }

        protected override async Task WriteBatchAsync(ImportBatch<PriceRow> batch, CancellationToken ct)
        {
            var skus = batch.Rows.Select(r => r.Value.Sku).ToList();
            var existing = (await batch.Db.Products.Where(p => skus.Contains(p.Sku)).Select(p => p.Sku).ToListAsync(ct)).ToHashSet();
            foreach (var row in batch.Rows)
            {
                if (existing.Contains(row.Value.Sku))
                {
                    batch.AlreadyImported(row);
                    continue;
                }

                batch.Db.Products.Add(new Product { Sku = row.Value.Sku, Name = row.Value.Name, Category = "Uncategorized", Price = row.Value.Price });
                batch.Accept(row);
            }

            await batch.Db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Writes the first row of each batch and forgets to decide the others.</summary>
    public sealed class ForgetfulImporter : PriceListImporter
    {
        public override ImportKind Kind => ImportKind.Events;

        protected override async Task WriteBatchAsync(ImportBatch<PriceRow> batch, CancellationToken ct)
        {
            batch.Db.Products.Add(new Product { Sku = batch.Rows[0].Value.Sku, Name = "x", Category = "x" });
            batch.Accept(batch.Rows[0]);
            await batch.Db.SaveChangesAsync(ct);
        }
    }
}
