using Dashboard.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Tests.Persistence;

/// <summary>
/// The PromoListSnapshot migration's SQLite backfill gives entries written before it what a launch now writes, on a file
/// migrated to the schema before it: a campaign launched 2026-06-01 10:00 with a 14-day window; c1 (United Kingdom,
/// Champions) bought 100 before the pre-period, 7 at its first instant and 30 inside it, returned 5 inside it and bought
/// 9 at the launch instant: 37. c2 (Germany) has no profile and no orders.
/// </summary>
public sealed class PromoListSnapshotMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Backfill_SnapshotsSegmentCountryAndPrePeriodRevenue()
    {
        Directory.CreateDirectory(_directory);
        await using var db = new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "dashboard.db")}").Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("CampaignDesign");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Customers (Id, ExternalId, Country, CreatedAt, EmailOptIn, PushOptIn, AdsOptIn) VALUES
                (1, 'c1', 'United Kingdom', '2025-01-01 00:00:00', 1, 1, 1),
                (2, 'c2', 'Germany', '2025-01-01 00:00:00', 1, 1, 1);
            INSERT INTO Profiles (CustomerId, ComputedAt, DistinctProducts, Frequency, FrequencyScore, Monetary, MonetaryScore,
                                  OrdersLast90Days, RecencyScore, ReferenceDate, Segment)
                VALUES (1, '2026-05-31 00:00:00', 0, 0, 0, 0, 0, 0, 0, '2026-05-31 00:00:00', 'Champions');
            INSERT INTO Campaigns (Id, Name, Status, Objective, Channel, AttributionWindowDays, CreatedAt, LaunchedAt)
                VALUES (1, 'Before the snapshot', 'Running', 'Conversion', 'Email', 14, '2026-05-31 10:00:00', '2026-06-01 10:00:00');
            INSERT INTO CampaignVariants (Id, CampaignId, IsControl, Name, ProductCount, Strategy, TrafficShare)
                VALUES (1, 1, 1, 'Holdout', 0, 'None', 1);
            INSERT INTO Orders (InvoiceNo, CustomerId, Kind, PlacedAt, Country, Total) VALUES
                ('before', 1, 'Purchase', '2026-05-17 10:00:00', 'United Kingdom', 100),
                ('first-instant', 1, 'Purchase', '2026-05-18 10:00:00', 'United Kingdom', 7),
                ('inside', 1, 'Purchase', '2026-05-31 09:30:00.25', 'United Kingdom', 30),
                ('returned', 1, 'Return', '2026-05-30 10:00:00', 'United Kingdom', 5),
                ('at-launch', 1, 'Purchase', '2026-06-01 10:00:00', 'United Kingdom', 9);
            INSERT INTO PromoListEntries (CampaignId, VariantId, CustomerId, CreatedAt) VALUES
                (1, 1, 1, '2026-06-01 10:00:00'),
                (1, 1, 2, '2026-06-01 10:00:00');
            """);

        await migrator.MigrateAsync();

        var entries = await db.PromoListEntries.OrderBy(e => e.CustomerId).Select(e => new { e.Segment, e.Country, e.PreRevenue }).ToListAsync();
        Assert.Equal([new { Segment = (string?)"Champions", Country = "United Kingdom", PreRevenue = 37.0 }, new { Segment = (string?)null, Country = "Germany", PreRevenue = 0.0 }], entries);
    }
}
