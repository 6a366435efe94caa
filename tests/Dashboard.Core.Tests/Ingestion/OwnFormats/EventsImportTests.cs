using Dashboard.Core.Campaigns;
using Dashboard.Core.Events;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Privacy;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Core.Tests.Ingestion.OwnFormats.OwnFormatImportHost;

namespace Dashboard.Core.Tests.Ingestion.OwnFormats;

/// <summary>Events files against customers and products imported first and one campaign (id 1).</summary>
public sealed class EventsImportTests : IDisposable
{
    private const string View = "2026-11-02T14:01:12Z,s-8f2c,C1,View,P1,";
    private readonly OwnFormatImportHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_StoresEvents_FromTheReadmeExample()
    {
        var campaignId = await SeedAsync();

        var report = await _host.ImportAsync(ImportKind.Events, "events.csv", EventsHeader,
            View,
            "2026-11-02T14:03:00+01:00,s-8f2c,C1,addtocart,P1,",
            $"2026-11-02T14:05:00.250Z,s-9a1b,,EmailClick,,{campaignId}");

        Assert.Equal((3L, 3L, 0L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.Anonymous] = 1 }, report.Rules);
        await using var db = _host.Database.CreateDbContext();
        var c1 = await db.Customers.Where(c => c.ExternalId == "C1").Select(c => c.Id).SingleAsync();
        var p1 = await db.Products.Where(p => p.Sku == "P1").Select(p => p.Id).SingleAsync();
        var events = await db.Events.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [
                ("s-8f2c", EventType.View, new DateTime(2026, 11, 2, 14, 1, 12), (int?)c1, (int?)p1, (int?)null),
                ("s-8f2c", EventType.AddToCart, new DateTime(2026, 11, 2, 13, 3, 0), c1, p1, null),
                ("s-9a1b", EventType.EmailClick, new DateTime(2026, 11, 2, 14, 5, 0, 250), null, null, campaignId),
            ],
            events.Select(e => (e.SessionId, e.Type, e.OccurredAt, e.CustomerId, e.ProductId, e.CampaignId)));
        Assert.All(events, e => Assert.Null(e.OrderId));
    }

    [Fact]
    public async Task Import_RejectsEachBadRow_WithItsRuleReasonAndLine()
    {
        await SeedAsync();

        var report = await _host.ImportAsync(ImportKind.Events, "events.csv", EventsHeader,
            View,                                                      // 2
            "2026-11-02T14:01:12Z,s-8f2c,C1,Teleport,,",               // 3 not a type
            "2026-11-02 14:01:12,s-8f2c,C1,View,,",                    // 4 no zone
            "2026-11-30T12:06:00Z,s-8f2c,C1,View,,",                   // 5 six minutes ahead of the clock
            "2026-11-30T12:04:59Z,s-8f2c,C1,View,,",                   // 6 within the clock skew
            "2026-11-02T14:01:12Z,s-8f2c,C9,View,P9,999",              // 7 three unknown references
            "2026-11-02T14:01:12Z,,C1,View,,",                         // 8 no session
            "2026-11-02T14:01:12Z," + new string('s', 65) + ",,View,,", // 9 session id too long
            "2026-11-02T14:01:12Z,s-8f2c,C1,View,,first",              // 10 not a campaign id
            View,                                                      // 11 exact copy of line 2
            "2026-11-02T15:01:12+01:00,s-8f2c,C1,view,P1,");           // 12 line 2's event, written differently: stored once

        Assert.Equal((11L, 3L, 8L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(
            new Dictionary<string, long>
            {
                [ImportRules.AlreadyImported] = 1,
                [ImportRules.Duplicate] = 1,
                [ImportRules.Future] = 1,
                [ImportRules.Malformed] = 4,
                [ImportRules.MissingField] = 1,
                [ImportRules.UnknownReference] = 1,
            },
            report.Rules);
        Assert.Equal(
            [
                (3L, ImportRules.Malformed, "type 'Teleport' is not one of View, AddToCart, Purchase, EmailOpen, EmailClick, BannerClick."),
                (4L, ImportRules.Malformed, "occurred_at '2026-11-02 14:01:12' is not an ISO 8601 time with a zone (Z or an offset), e.g. 2026-11-02T14:01:12Z."),
                (5L, ImportRules.Future, "occurred_at 2026-11-30T12:06:00Z is in the future: more than 5 minutes ahead of the server's clock (2026-11-30T12:00:00Z)."),
                (7L, ImportRules.UnknownReference, "customer_id 'C9' is not a known customer; sku 'P9' is not in the catalogue; campaign_id 999 does not exist."),
                (8L, ImportRules.MissingField, "Empty required field: session_id."),
                (9L, ImportRules.Malformed, "session_id is 65 characters long; at most 64 fit."),
                (10L, ImportRules.Malformed, "campaign_id 'first' is not a campaign id (a positive whole number)."),
                (11L, ImportRules.Duplicate, "An exact copy of an earlier row of this file (every field equal)."),
            ],
            (await _host.ListedAsync(report.RunId)).Select(r => (r.LineNumber, r.Rule!, r.Reason)));
        Assert.Equal(2, (await _host.CountAsync()).Events);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(1)]
    public async Task Import_StoresAnEventOnce_WhetherItsOtherSpellingIsInTheSameBatchOrALaterOne(int rowsPerBatch)
    {
        await SeedAsync();
        var path = _host.Write("events.csv", EventsHeader, View, "2026-11-02T15:01:12+01:00,s-8f2c,C1,VIEW,P1,", "2026-11-02T14:01:13Z,s-8f2c,C1,View,P1,");

        var report = await _host.ImportAsync(ImportKind.Events, path, rowsPerBatch);

        Assert.Equal((3L, 3L, 0L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 1 }, report.Rules);
        Assert.Equal(2, (await _host.CountAsync()).Events);
    }

    [Fact]
    public async Task Import_AcceptsAndRejectsTheSameEventsAsTheEventsApi()
    {
        await SeedAsync();
        (string Csv, IncomingEvent Api)[] cases =
        [
            ("2026-11-02T14:01:12Z,s-1,C1,bannerCLICK,P1,", new() { OccurredAt = "2026-11-02T14:01:12Z", SessionId = "s-1", CustomerId = "C1", Type = "bannerCLICK", Sku = "P1" }),
            ("2026-11-02T14:01:12Z,s-2,,Teleport,,", new() { OccurredAt = "2026-11-02T14:01:12Z", SessionId = "s-2", Type = "Teleport" }),
            ("2026-11-02T14:01:12Z,s-3,,3,,", new() { OccurredAt = "2026-11-02T14:01:12Z", SessionId = "s-3", Type = "3" }),
            ("2026-11-02T14:01:12,s-4,,View,,", new() { OccurredAt = "2026-11-02T14:01:12", SessionId = "s-4", Type = "View" }),
            ("2026-11-30T12:05:01Z,s-5,,View,,", new() { OccurredAt = "2026-11-30T12:05:01Z", SessionId = "s-5", Type = "View" }),
            ("2026-11-30T13:04:00+01:00,s-6,,View,,", new() { OccurredAt = "2026-11-30T13:04:00+01:00", SessionId = "s-6", Type = "View" }),
            ("2026-11-02T14:01:12Z,s-7,C404,View,,", new() { OccurredAt = "2026-11-02T14:01:12Z", SessionId = "s-7", CustomerId = "C404", Type = "View" }),
            ("2026-11-02T14:01:12Z,s-8,,View,P404,", new() { OccurredAt = "2026-11-02T14:01:12Z", SessionId = "s-8", Type = "View", Sku = "P404" }),
            ("2026-11-02T14:01:12Z,s-9,,View,,77", new() { OccurredAt = "2026-11-02T14:01:12Z", SessionId = "s-9", Type = "View", CampaignId = 77 }),
        ];

        var api = await new EventBatchIngestor(_host.Database, new FixedTimeProvider(new DateTimeOffset(Now))).IngestAsync([.. cases.Select(c => c.Api)]);
        var csv = await _host.ImportAsync(ImportKind.Events, "events.csv", EventsHeader, [.. cases.Select(c => c.Csv)]);

        var apiRejected = api.Errors.Select(e => e.Index).ToList();
        var csvRejected = (await _host.ListedAsync(csv.RunId)).Select(r => (int)r.LineNumber - 2).ToList();
        Assert.Equal([1, 2, 3, 4, 6, 7, 8], apiRejected);
        Assert.Equal(apiRejected, csvRejected);
        Assert.Equal((long)api.Accepted, csv.Accepted);
    }

    [Fact]
    public async Task Import_CountsStoredEventsAsAlreadyImported_WhenANewerExportOverlaps_AndSkipsTheSameFile()
    {
        await SeedAsync();
        var older = _host.Write("events_1.csv", EventsHeader, View, "2026-11-02T14:02:00Z,s-8f2c,C1,AddToCart,P1,");
        await _host.ImportAsync(ImportKind.Events, older);
        // The API stored one of the newer file's events already.
        await new EventBatchIngestor(_host.Database, new FixedTimeProvider(new DateTimeOffset(Now)))
            .IngestAsync([new IncomingEvent { OccurredAt = "2026-11-02T14:04:00Z", SessionId = "s-8f2c", CustomerId = "C1", Type = "View", Sku = "P2" }]);

        var same = await _host.ImportAsync(ImportKind.Events, older);
        var report = await _host.ImportAsync(ImportKind.Events, "events_2.csv", EventsHeader,
            View,
            "2026-11-02T14:02:00Z,s-8f2c,C1,AddToCart,P1,",
            "2026-11-02T14:04:00Z,s-8f2c,C1,View,P2,",
            "2026-11-02T14:06:00Z,s-8f2c,C1,View,P3,",
            "2026-11-02T14:06:00Z,s-8f2c,C1,View,P3,",
            "2026-11-02T14:06:00Z,s-other,C1,View,P3,");

        Assert.Equal(ImportStatus.Skipped, same.Status);
        Assert.Equal((6L, 5L, 1L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 3, [ImportRules.Duplicate] = 1 }, report.Rules);
        Assert.Equal(5, (await _host.CountAsync()).Events);
    }

    [Fact]
    public async Task Import_RejectsAnErasedCustomersEventsAsErased_WithoutStoringTheirLines()
    {
        await SeedAsync();
        int caiId;
        await using (var db = _host.Database.CreateDbContext())
        {
            caiId = await db.Customers.Where(c => c.ExternalId == "C3").Select(c => c.Id).SingleAsync();
        }

        await _host.Services.GetRequiredService<CustomerEraser>().EraseAsync(caiId, "dpo@shop.example", CancellationToken.None);
        var report = await _host.ImportAsync(ImportKind.Events, "events.csv", EventsHeader,
            View,
            "2026-11-02T14:01:12Z,s-77aa,C3,View,P1,");

        Assert.Equal((2L, 1L, 1L), (report.RowsRead, report.Accepted, report.Rejected));
        var erased = Assert.Single(await _host.ListedAsync(report.RunId));
        Assert.Equal((3L, ImportRules.Erased, (string?)null), (erased.LineNumber, erased.Rule!, erased.RawLine));
        await using var check = _host.Database.CreateDbContext();
        Assert.False(await check.Events.AnyAsync(e => e.SessionId == "s-77aa"));
    }

    [Fact]
    public async Task Import_RejectsAnonymousEventsOfAnErasedCustomersSession_SoTheOldSessionIdDoesNotComeBack()
    {
        await SeedAsync();
        await _host.ImportAsync(ImportKind.Events, "before.csv", EventsHeader,
            "2026-11-02T14:01:12Z,s-cai-1,C3,View,P1,",
            "2026-11-02T14:00:00Z,s-cai-1,,View,P2,");
        int caiId;
        await using (var db = _host.Database.CreateDbContext())
        {
            caiId = await db.Customers.Where(c => c.ExternalId == "C3").Select(c => c.Id).SingleAsync();
        }

        await _host.Services.GetRequiredService<CustomerEraser>().EraseAsync(caiId, "dpo@shop.example", CancellationToken.None);
        var report = await _host.ImportAsync(ImportKind.Events, "older-export.csv", EventsHeader,
            "2026-11-02T14:00:00Z,s-cai-1,,View,P2,",
            "2026-11-02T14:05:00Z,s-other,,View,P2,");

        Assert.Equal((2L, 1L, 1L), (report.RowsRead, report.Accepted, report.Rejected));
        var erased = Assert.Single(await _host.ListedAsync(report.RunId));
        Assert.Equal((2L, ImportRules.Erased, (string?)null), (erased.LineNumber, erased.Rule!, erased.RawLine));
        await using var check = _host.Database.CreateDbContext();
        Assert.False(await check.Events.AnyAsync(e => e.SessionId == "s-cai-1"));
        Assert.True(await check.Events.AnyAsync(e => e.SessionId == "s-other"));
    }

    /// <summary>Customers C1–C3, products P1–P3, and a campaign; returns the campaign's id.</summary>
    private async Task<int> SeedAsync()
    {
        await _host.SeedCustomersAndProductsAsync();
        var campaign = new Campaign { Name = "Autumn", CreatedAt = Now };
        await TestShop.SaveAsync(_host.Database, campaign);
        return campaign.Id;
    }
}
