using Dashboard.Core.Campaigns;
using Dashboard.Core.Events;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Events;

public sealed class EventBatchIngestorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _db = new();
    private readonly EventBatchIngestor _ingestor;

    public EventBatchIngestorTests() => _ingestor = new EventBatchIngestor(_db, new ManualClock(Now));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Ingest_StoresValidEventsAndReportsEachInvalidOneByIndex_WhenBatchIsMixed()
    {
        var (customer, product, campaign) = await SeedAsync();

        var result = await _ingestor.IngestAsync(
        [
            Event(customerId: "C-1", type: "View", sku: "SKU-1"),
            Event(type: "Teleport"),
            Event(customerId: "C-404", sku: "SKU-404"),
            Event(type: "emailclick", campaignId: campaign.Id, occurredAt: "2026-06-30T13:30:00+02:00"),
            null,
            Event(sessionId: "", occurredAt: "2026-06-30T11:00:00"),
            Event(occurredAt: "2026-06-30T12:10:00Z"),
            Event(campaignId: 999),
        ]);

        Assert.Equal(2, result.Accepted);
        Assert.Equal([1, 2, 4, 5, 6, 7], result.Errors.Select(e => e.Index));
        Assert.Contains("type 'Teleport' is not one of View, AddToCart, Purchase, EmailOpen, EmailClick, BannerClick.", result.Errors[0].Messages);
        Assert.Equal(["customerId 'C-404' is not a known customer.", "sku 'SKU-404' is not in the catalogue."], result.Errors[1].Messages);
        Assert.Equal(["The event is null."], result.Errors[2].Messages);
        Assert.Equal(2, result.Errors[3].Messages.Count);
        Assert.Contains("sessionId is required.", result.Errors[3].Messages);
        Assert.Contains("is in the future", Assert.Single(result.Errors[4].Messages), StringComparison.Ordinal);
        Assert.Equal(["campaignId 999 does not exist."], result.Errors[5].Messages);

        await using var db = _db.CreateDbContext();
        var stored = await db.Events.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.Equal((customer.Id, product.Id, EventType.View), (stored[0].CustomerId, stored[0].ProductId, stored[0].Type));
        Assert.Equal((EventType.EmailClick, campaign.Id), (stored[1].Type, stored[1].CampaignId));
        Assert.Equal(new DateTime(2026, 6, 30, 11, 30, 0, DateTimeKind.Utc), stored[1].OccurredAt);
    }

    [Fact]
    public async Task Ingest_StoresErasedCustomersEventsAsAnonymous()
    {
        await using (var db = _db.CreateDbContext())
        {
            var erased = TestShop.Customer("C-9");
            erased.ErasedAt = Now.UtcDateTime.AddDays(-1);
            db.Customers.Add(erased);
            await db.SaveChangesAsync();
        }

        var result = await _ingestor.IngestAsync([Event(customerId: "C-9")]);

        Assert.Equal(1, result.Accepted);
        Assert.Empty(result.Errors);
        await using var check = _db.CreateDbContext();
        Assert.Null((await check.Events.SingleAsync()).CustomerId);
    }

    [Fact]
    public async Task Ingest_AcceptsEventsWithinClockSkew()
    {
        var result = await _ingestor.IngestAsync([Event(occurredAt: "2026-06-30T12:04:59Z")]);

        Assert.Equal(1, result.Accepted);
    }

    [Fact]
    public async Task Ingest_Throws_WhenBatchIsLargerThanLimit()
    {
        var events = Enumerable.Range(0, EventBatchIngestor.MaxBatchSize + 1).Select(_ => Event()).ToList();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _ingestor.IngestAsync(events));
    }

    private static IncomingEvent Event(
        string? customerId = null, string? sessionId = "s-1", string? type = "View", string? sku = null, int? campaignId = null, string? occurredAt = "2026-06-30T11:00:00Z") =>
        new() { CustomerId = customerId, SessionId = sessionId, Type = type, Sku = sku, CampaignId = campaignId, OccurredAt = occurredAt };

    private async Task<(Customers.Customer Customer, Catalog.Product Product, Campaign Campaign)> SeedAsync()
    {
        var customer = TestShop.Customer("C-1");
        var product = TestShop.Product("SKU-1", "Books");
        var campaign = new Campaign { Name = "Spring", CreatedAt = Now.UtcDateTime };
        await TestShop.SaveAsync(_db, customer, product, campaign);
        return (customer, product, campaign);
    }
}
