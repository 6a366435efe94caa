using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks;

/// <summary>The campaign the report benchmark reads, and what its database holds.</summary>
public sealed record ReportData(int CampaignId, int Members, int Exposures, int Conversions, int Orders, double? GeneratedSeconds);

/// <summary>
/// A database made for the A/B report benchmark: one running campaign to <c>members</c> customers (45 % control, 45 %
/// treatment, 10 % holdout), a "sent" exposure per treated member, a "delivered" one for 97 % of them, an "opened" one
/// for every fourth and a "clicked" one for about a tenth of those (2.05 million exposures at a million members), the
/// opens and clicks also as e-mail events with the campaign id (the mail pixel and the link redirect report them as
/// well, as in the demo), a page view per customer without one (so the campaign's events are a minority of the table,
/// as in a shop), attributed orders for about 4 % of the members (a planted 20 % lift in the treatment, less in the
/// holdout) and pre-period orders for 10 %, a profile per customer, and each member's segment, country and pre-period
/// revenue on their promo-list entry as the launch writes them. It is written in SQL
/// with recursive CTEs, because the demo shop's generator would take hours at this size; the arms are assigned by
/// customer number rather than by hash, which changes nothing the report reads.
/// </summary>
public static class ReportDataSet
{
    public static readonly DateTime LaunchedAt = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    public static FileInfo DefaultFile(int members) =>
        new(Path.Combine(Path.GetTempPath(), "dashboard-bench", string.Create(CultureInfo.InvariantCulture, $"report-{members}-members.db")));

    public static async Task<ReportData> EnsureAsync(BenchmarkHost host, int members, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        await host.Get<DatabaseMigrator>().MigrateAsync(ct);
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        double? seconds = null;
        if (!await db.Campaigns.AnyAsync(ct))
        {
            var stopwatch = Stopwatch.StartNew();
            await GenerateAsync(db, members, report, ct);
            seconds = stopwatch.Elapsed.TotalSeconds;
        }

        var campaignId = await db.Campaigns.Select(c => c.Id).SingleAsync(ct);
        return new ReportData(
            campaignId,
            await db.PromoListEntries.CountAsync(e => e.CampaignId == campaignId, ct),
            await db.Exposures.CountAsync(e => e.CampaignId == campaignId, ct),
            await db.Conversions.CountAsync(c => c.CampaignId == campaignId, ct),
            await db.Orders.CountAsync(ct),
            seconds);
    }

    private static async Task GenerateAsync(DashboardDbContext db, int members, Action<string, double> report, CancellationToken ct)
    {
        var campaign = new Campaign
        {
            Name = "Report benchmark",
            Status = CampaignStatus.Running,
            CreatedAt = LaunchedAt.AddDays(-1),
            LaunchedAt = LaunchedAt,
            AttributionWindowDays = 14,
            Variants =
            [
                new() { Name = "Control: best-sellers", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.45 },
                new() { Name = "Treatment: personalized", Strategy = OfferStrategy.Personalized, TrafficShare = 0.45 },
                new() { Name = "Holdout: no contact", Strategy = OfferStrategy.None, TrafficShare = 0.10, ProductCount = 0 },
            ],
        };
        // One transaction with the campaign, so that a failed run leaves nothing a rerun would take for finished data.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        var (control, treatment, holdout) = (campaign.Variants[0].Id, campaign.Variants[1].Id, campaign.Variants[2].Id);
        var launch = Sql(LaunchedAt);
        // Customer i is in arm i % 20: 0-8 control, 9-17 treatment, 18-19 holdout. A member converts when a fixed hash of
        // i falls below the arm's rate per mille: 40 (4 %), 48 (+20 %) and 30.
        var arm = $"CASE WHEN i % 20 < 9 THEN {control} WHEN i % 20 < 18 THEN {treatment} ELSE {holdout} END";
        var converts = "(i * 2654435761) % 1000 < CASE WHEN i % 20 < 9 THEN 40 WHEN i % 20 < 18 THEN 48 ELSE 30 END";
        // A quarter of the treated open; a tenth of those click (by another hash, so that clicks fall in both arms).
        var (opens, clicks) = ("i % 4 = 0", "(i * 2654435761) % 997 < 100");
        // A tenth bought in the pre-period, one order each; the launch keeps that revenue on the member's entry.
        var (boughtBefore, preTotal) = ("(i * 40503) % 1000 < 100", "15 + i % 50");
        var numbers = $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {members})";
        string[] countries = ["DE", "FR", "GB", "NL", "ES"];
        string[] segments = ["Champions", "Loyal", "At Risk", "Hibernating", "New", "Prospect"];
        (string Stage, string Sql)[] steps =
        [
            ("customers", $"""
                INSERT INTO Customers (ExternalId, Country, CreatedAt, EmailOptIn, PushOptIn, AdsOptIn)
                {numbers} SELECT 'R' || i, {Pick(countries)}, '2025-01-01 00:00:00', 1, 1, 1 FROM n
                """),
            ("profiles", $"""
                INSERT INTO Profiles (CustomerId, ComputedAt, DistinctProducts, Frequency, FrequencyScore, Monetary, MonetaryScore,
                                      OrdersLast90Days, RecencyScore, ReferenceDate, Segment)
                {numbers} SELECT i, {launch}, 0, 0, 0, 0, 0, 0, 0, {launch}, {Pick(segments)} FROM n
                """),
            ("promo list", $"""
                INSERT INTO PromoListEntries (CampaignId, CustomerId, VariantId, CreatedAt, Segment, Country, PreRevenue)
                {numbers} SELECT {campaign.Id}, i, {arm}, {launch}, {Pick(segments)}, {Pick(countries)}, CASE WHEN {boughtBefore} THEN {preTotal} ELSE 0 END FROM n
                """),
            ("exposures", $"""
                INSERT INTO Exposures (CampaignId, VariantId, CustomerId, Kind, OccurredAt)
                {numbers} SELECT {campaign.Id}, {arm}, i, 1, {launch} FROM n WHERE i % 20 < 18
                UNION ALL SELECT {campaign.Id}, {arm}, i, 2, {Sql(LaunchedAt.AddMinutes(1))} FROM n WHERE i % 20 < 18 AND i % 33 <> 0
                UNION ALL SELECT {campaign.Id}, {arm}, i, 3, {Sql(LaunchedAt.AddDays(1))} FROM n WHERE i % 20 < 18 AND {opens}
                UNION ALL SELECT {campaign.Id}, {arm}, i, 4, {Sql(LaunchedAt.AddDays(1).AddMinutes(5))} FROM n WHERE i % 20 < 18 AND {opens} AND {clicks}
                """),
            ("events", $"""
                INSERT INTO Events (CustomerId, SessionId, Type, OccurredAt, CampaignId)
                {numbers} SELECT i, 'RV' || i, 1, datetime({launch}, '-' || (1 + i % 30) || ' days'), NULL FROM n
                UNION ALL SELECT i, 'RM' || i, 4, {Sql(LaunchedAt.AddDays(1))}, {campaign.Id} FROM n WHERE i % 20 < 18 AND {opens}
                UNION ALL SELECT i, 'RM' || i, 5, {Sql(LaunchedAt.AddDays(1).AddMinutes(5))}, {campaign.Id} FROM n WHERE i % 20 < 18 AND {opens} AND {clicks}
                """),
            ("orders", $"""
                INSERT INTO Orders (InvoiceNo, CustomerId, Kind, PlacedAt, Country, Total)
                {numbers} SELECT 'RB' || i, i, 'Purchase', datetime({launch}, '+' || (i % 14) || ' days'), {Pick(countries)}, 20 + i % 80 FROM n WHERE {converts}
                UNION ALL SELECT 'RP' || i, i, 'Purchase', datetime({launch}, '-' || (1 + i % 13) || ' days'), {Pick(countries)}, {preTotal} FROM n WHERE {boughtBefore}
                """),
            ("conversions", $"""
                INSERT INTO Conversions (CampaignId, VariantId, CustomerId, OrderId, Revenue, ConvertedAt)
                SELECT e.CampaignId, e.VariantId, e.CustomerId, o.Id, o.Total, o.PlacedAt
                FROM Orders o JOIN PromoListEntries e ON e.CustomerId = o.CustomerId AND e.CampaignId = {campaign.Id}
                WHERE o.InvoiceNo LIKE 'RB%'
                """),
        ];

        for (var s = 0; s < steps.Length; s++)
        {
            report(steps[s].Stage, (double)s / steps.Length);
            await db.Database.ExecuteSqlRawAsync(steps[s].Sql, ct);
        }

        await transaction.CommitAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
    }

    private static string Pick(string[] values) =>
        "CASE i % " + values.Length + string.Concat(values.Select((v, k) => $" WHEN {k} THEN '{v}'")) + " END";

    // The text form EF's SQLite provider stores dates in.
    private static string Sql(DateTime value) => "'" + value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'";
}
