using System.Diagnostics;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.Core.Tests.Ingestion;

/// <summary>Tests that measure memory or import the whole real file: they run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargeFilesDefinition
{
    public const string Name = "Large files";
}

[Collection(LargeFilesDefinition.Name)]
public sealed class LargeFileTests(ITestOutputHelper output) : IDisposable
{
    private readonly ImportTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_FailsFastWithBoundedMemory_WhenARowHasA100MegabyteField()
    {
        var path = Path.Combine(_host.Directory, "huge-field.csv");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteAsync(ImportTestHost.OnlineRetailHeader + "\n536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n536365,71053,");
            var chunk = new string('x', 1024 * 1024);
            for (var i = 0; i < 100; i++)
            {
                await writer.WriteAsync(chunk);
            }

            await writer.WriteAsync(",6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n");
        }

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();

        var report = await _host.ImportAsync(path);

        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"{stopwatch.Elapsed.TotalSeconds:0.00} s, {allocated / 1048576.0:0.0} MiB allocated: {report.Error}");
        Assert.Equal(ImportStatus.Failed, report.Status);
        Assert.StartsWith("A row longer than 1 MiB starts here", report.Error, StringComparison.Ordinal);
        Assert.Contains("(at line 3)", report.Error, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}");
        // Reading the field would take 200 MB as a string alone; the reader stops at about twice its 1 MiB limit.
        Assert.True(allocated < 64 * 1024 * 1024, $"{allocated:N0} bytes allocated");
        Assert.Equal(new ImportTestHost.TableCounts(0, 0, 0, 0, 0, 0, 0), await _host.CountAsync());
    }

    /// <summary>The known facts of the real file (see shared/data/README.md) that the rules leave visible.</summary>
    [RealDataFact]
    public async Task Import_MatchesTheKnownFacts_OfTheRealOnlineRetailFile()
    {
        var result = await ImportBenchmark.MeasureAsync(_host.Importer(), ImportKind.OnlineRetail, RealData.OnlineRetailPath!);

        var report = result.Report;
        output.WriteLine(result.ToString());
        output.WriteLine(string.Join(", ", report.Rules.Select(r => $"{r.Key} {r.Value:N0}")));
        Assert.Equal(ImportStatus.Succeeded, report.Status);
        Assert.Equal(541_909, report.RowsRead);
        Assert.Equal(report.RowsRead, report.Accepted + report.Rejected + report.Flagged);
        Assert.Equal(5_268, report.Duplicates);
        // 2,512 rows have a price of 0 or below (1,336 of them also a negative quantity outside a cancellation).
        Assert.Equal(2_512, report.Rules[ImportRules.NonPositive]);
        Assert.Equal(report.Duplicates + 2_512, report.Rejected);

        await using var db = _host.Database.CreateDbContext();
        // 4,372 customer ids; one (13256) has a single line, at price 0, so it never becomes a customer.
        Assert.Equal(4_371, await db.Customers.CountAsync());
        // 25,900 invoices; 2,104 of them hold only rejected lines (mostly price-0 stock adjustments).
        Assert.Equal(23_796, await db.Orders.CountAsync());
        Assert.Equal(38, await db.Orders.Select(o => o.Country).Distinct().CountAsync());
        // 9,288 cancellation rows: 37 are exact duplicates, the other 9,251 are kept as returns (3,836 return orders).
        var cancellationDuplicates = await db.ImportRejectedRows.CountAsync(r => r.Rule == ImportRules.Duplicate && r.RawLine!.StartsWith('C'));
        Assert.Equal(37, cancellationDuplicates);
        Assert.Equal(9_288 - cancellationDuplicates, report.Returns);
        Assert.Equal(3_836, await db.Orders.CountAsync(o => o.Kind == OrderKind.Return));
        Assert.Equal(report.Returns, await db.Orders.Where(o => o.Kind == OrderKind.Return).SelectMany(o => o.Lines).CountAsync());
        // 135,080 rows without a customer id, less those rejected, are anonymous.
        Assert.Equal(132_565, report.Anonymous);
        Assert.Equal(report.Accepted + report.Flagged, await db.OrderLines.CountAsync());
        Assert.Equal(report.Accepted + report.Flagged - report.Returns, await db.Events.CountAsync());
    }
}
