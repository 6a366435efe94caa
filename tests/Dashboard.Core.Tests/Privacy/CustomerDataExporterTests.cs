using System.Text;
using System.Text.Json;
using Dashboard.Core.Events;
using Dashboard.Core.Experiments;
using Dashboard.Core.Orders;
using Dashboard.Core.Privacy;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Privacy;

public sealed class CustomerDataExporterTests : IDisposable
{
    private const string Actor = "crm@shop.example";
    private readonly SqliteTestDatabase _db = new();
    private readonly FixedTimeProvider _clock = new(new DateTimeOffset(PrivacyTestShop.Now.AddHours(9)));
    private readonly CustomerDataExporter _exporter;

    public CustomerDataExporterTests() => _exporter = new CustomerDataExporter(_db, new AuditLog(_db, _clock), _clock);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ExportAsync_HoldsEveryPartOfTheCustomersData()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);

        var export = await _exporter.ExportAsync(shop.Anna.Id, Actor, CancellationToken.None);

        Assert.NotNull(export);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, export.GeneratedAt);
        Assert.False(string.IsNullOrWhiteSpace(export.About));
        Assert.Equal(
            new ExportedCustomer(shop.Anna.Id, "C-ANNA-1", "Anna", "Lindqvist", "anna.lindqvist@example.com", "+46 70 123 45 67", "Sweden",
                shop.Anna.CreatedAt, EmailOptIn: true, PushOptIn: true, AdsOptIn: true, ErasedAt: null),
            export.Customer);
        Assert.NotNull(export.Profile);
        Assert.Equal(1, export.Profile.Frequency);

        Assert.Equal(["INV-1", "RET-1"], export.Orders.Select(o => o.InvoiceNo));
        Assert.Equal(OrderKind.Return, export.Orders[1].Kind);
        Assert.Equal([new ExportedOrderLine("B1", "Product B1", 2, 12m), new ExportedOrderLine("G1", "Product G1", 1, 30m)], export.Orders[0].Lines);

        // Her four events, not the anonymous visit in her session nor Bob's.
        Assert.Equal([EventType.EmailOpen, EventType.View, EventType.AddToCart, EventType.Purchase], export.Events.Select(e => e.Type));
        Assert.Equal("B1", export.Events[1].ProductSku);

        var entry = Assert.Single(export.PromoListEntries);
        Assert.Equal(("Spring books", "Treatment: personalized", "C1-ANNACODE"), (entry.CampaignName, entry.VariantName, entry.CouponCode));
        Assert.Equal(["G1", "B1"], entry.Items.Select(i => i.ProductSku));
        Assert.Equal([ExposureKind.Sent, ExposureKind.Opened], export.Exposures.Select(e => e.Kind));
        Assert.All(export.Exposures, e => Assert.Equal("Spring books", e.CampaignName));
        var conversion = Assert.Single(export.Conversions);
        Assert.Equal((shop.AnnaPurchase.Id, 54.0), (conversion.OrderId, conversion.Revenue));

        Assert.Equal(shop.AnnasRejectedRows.Select(r => r.LineNumber), export.RejectedImportRows.Select(r => r.LineNumber));
        Assert.Equal("customers-2026-06.csv", export.RejectedImportRows[0].ImportSource);
        Assert.Equal(shop.AnnaByEmail.RawLine, export.RejectedImportRows[1].RawLine);
    }

    [Fact]
    public async Task ExportAsync_HoldsNothingAboutAnyoneElse()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);

        var json = await JsonOfAsync((await _exporter.ExportAsync(shop.Anna.Id, Actor, CancellationToken.None))!);

        // Bob's phone is matched with its spaces: its digits alone turned up in the fractions of a timestamp once.
        foreach (var other in new[] { "C-BOB-2", "Bob", "Marsh", "bob.marsh@example.net", "20 7946 0958", PrivacyTestShop.BobSession, "C1-BOBCODE", "INV-2", "C-ANNA-10", "annabel" })
        {
            Assert.DoesNotContain(other, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task WriteJsonAsync_RoundTrips_WithCamelCaseNamesAndEnumNames()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);
        var export = (await _exporter.ExportAsync(shop.Anna.Id, Actor, CancellationToken.None))!;

        var json = await JsonOfAsync(export);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var read = await CustomerDataExport.ReadJsonAsync(stream);

        Assert.NotNull(read);
        Assert.Equal(json, await JsonOfAsync(read));
        Assert.Equal(export.Customer, read.Customer);
        Assert.Equal(export.Events.Count, read.Events.Count);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("anna.lindqvist@example.com", document.RootElement.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal("AddToCart", document.RootElement.GetProperty("events")[2].GetProperty("type").GetString());
        Assert.EndsWith("Z", document.RootElement.GetProperty("customer").GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"+46 70 123 45 67\"", json, StringComparison.Ordinal);
        Assert.True(document.RootElement.TryGetProperty("generatedAt", out _));
        Assert.True(document.RootElement.TryGetProperty("about", out _));
    }

    [Fact]
    public async Task ExportAsync_RecordsWhoExportedWhom()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);

        await _exporter.ExportAsync(shop.Anna.Id, Actor, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CustomerExported);
        Assert.Equal((Actor, AuditEntities.Customer, $"{shop.Anna.Id}", _clock.GetUtcNow().UtcDateTime), (entry.Actor, entry.EntityType, entry.EntityId, entry.At));
    }

    [Fact]
    public async Task ExportAsync_ReturnsNullAndAuditsNothing_WhenCustomerDoesNotExist()
    {
        await PrivacyTestShop.SeedAsync(_db);

        var export = await _exporter.ExportAsync(9999, Actor, CancellationToken.None);

        Assert.Null(export);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CustomerExported));
    }

    private static async Task<string> JsonOfAsync(CustomerDataExport export)
    {
        using var stream = new MemoryStream();
        await export.WriteJsonAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
