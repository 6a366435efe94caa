using System.Diagnostics;
using Dashboard.Core.Demo;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks;

/// <summary>What a database holds, counted in it, and how it came to be (generated now, with how long it took, or reused).</summary>
public sealed record DataCounts(
    int Customers, int Products, int Purchases, int Returns, int OrderLines, int Events, double FileMiB, string Origin, double? GeneratedSeconds)
{
    public static async Task<DataCounts> CountAsync(BenchmarkHost host, string origin, double? generatedSeconds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        return new DataCounts(
            await db.Customers.CountAsync(ct),
            await db.Products.CountAsync(ct),
            await db.Orders.CountAsync(o => o.Kind == OrderKind.Purchase, ct),
            await db.Orders.CountAsync(o => o.Kind == OrderKind.Return, ct),
            await db.OrderLines.CountAsync(ct),
            await db.Events.CountAsync(ct),
            host.Database.Length / 1048576.0,
            origin,
            generatedSeconds);
    }
}

/// <summary>Makes the demo database the benchmark runs on, or takes an existing one as it is.</summary>
public static class DemoDataSet
{
    /// <summary>
    /// The demo shop makes about 50 events per customer over 143 days (measured: 49.0 at 140 days, 51.3 at 145, seed 42),
    /// so 100,000 customers give about 5 million events.
    /// </summary>
    public const int DefaultDays = 143;

    public const int DefaultCustomers = 100_000;

    /// <summary>A fixed last day, so that the same options make the same database on any day.</summary>
    public static readonly DateTime DefaultEndDate = new(2026, 10, 31, 0, 0, 0, DateTimeKind.Utc);

    public static FileInfo DefaultFile(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FileInfo(Path.Combine(Path.GetTempPath(), "dashboard-bench",
            FormattableString.Invariant($"demo-{options.Customers}c-{options.Days}d-{options.Products}p-seed{options.Seed}-{options.EndDate:yyyyMMdd}.db")));
    }

    /// <summary>Migrates the empty file and seeds the demo shop into it (one transaction), then folds the WAL into the file.</summary>
    public static async Task<double> GenerateAsync(BenchmarkHost host, DemoOptions options, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.Get<DatabaseMigrator>().MigrateAsync(ct);
        var stopwatch = Stopwatch.StartNew();
        await using (var db = await host.Contexts.CreateDbContextAsync(ct))
        {
            await new DemoDataGenerator().SeedAsync(db, options, new Progress<DemoProgress>(p => report(p.Stage, p.Fraction)), ct);
        }

        await CheckpointAsync(host, ct);
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Writes the WAL back into the database file, so the timings that follow do not read through a large WAL.</summary>
    public static async Task CheckpointAsync(BenchmarkHost host, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
    }
}
