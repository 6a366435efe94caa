using Dashboard.Core.Campaigns;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Events;
using Dashboard.Core.Experiments;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Orders;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Privacy;

/// <summary>
/// A hand-made shop around one person, Anna, with something about her in every kind of row: orders, events (one
/// session shared with an anonymous visit), a profile, a promo list entry, exposures, a conversion, rejected import
/// lines and a campaign description that mention her. Bob is the neighbour whose data must never appear in Anna's
/// export nor be touched by her erasure; "C-ANNA-10" is a stranger whose id starts with Anna's.
/// </summary>
internal sealed class PrivacyTestShop
{
    public const string AnnaSession = "web-7f3a";
    public const string BobSession = "web-9b1c";

    public static readonly DateTime Now = TestShop.Today;

    public Customer Anna { get; } = new()
    {
        ExternalId = "C-ANNA-1", FirstName = "Anna", LastName = "Lindqvist", Email = "anna.lindqvist@example.com", Phone = "+46 70 123 45 67",
        Country = "Sweden", CreatedAt = Now.AddDays(-300), EmailOptIn = true, PushOptIn = true, AdsOptIn = true,
    };

    public Customer Bob { get; } = new()
    {
        ExternalId = "C-BOB-2", FirstName = "Bob", LastName = "Marsh", Email = "bob.marsh@example.net", Phone = "+44 20 7946 0958",
        Country = "United Kingdom", CreatedAt = Now.AddDays(-200), EmailOptIn = true,
    };

    public Product Book { get; } = TestShop.Product("B1", "Books", 12m);
    public Product Spade { get; } = TestShop.Product("G1", "Garden", 30m);
    public Order AnnaPurchase { get; private set; } = null!;
    public Order AnnaReturn { get; private set; } = null!;
    public Order BobPurchase { get; private set; } = null!;
    public Campaign Campaign { get; private set; } = null!;
    public ImportRun Import { get; private set; } = null!;

    public CampaignVariant Control => Campaign.Variants.Single(v => v.IsControl);
    public CampaignVariant Treatment => Campaign.Variants.Single(v => !v.IsControl);

    /// <summary>Rejected lines by what they are about; Anna's are found by her id, her e-mail (other case), her phone (other punctuation) and her name.</summary>
    public ImportRejectedRow AnnaById { get; } = Rejected(1, "Invalid date '31/02/2026'", "C-ANNA-1;;;;31/02/2026");
    public ImportRejectedRow AnnaByEmail { get; } = Rejected(2, "Unknown country", "C-NEW-7;Ann;L;ANNA.LINDQVIST@example.com;Atlantis");
    public ImportRejectedRow AnnaByPhone { get; } = Rejected(3, "Missing customer id", ";;;;+46701234567");
    public ImportRejectedRow AnnaByReason { get; } = Rejected(4, "Duplicate of Anna Lindqvist", "C-NEW-8;Anna;Lindqvist;;");
    public ImportRejectedRow BobRow { get; } = Rejected(5, "Invalid date", "C-BOB-2;Bob;Marsh;bob.marsh@example.net;2026-13-01");
    public ImportRejectedRow StrangerRow { get; } = Rejected(6, "Invalid date", "C-ANNA-10;Annabel;Lind;annabel@example.org;x");

    public IEnumerable<ImportRejectedRow> AnnasRejectedRows => [AnnaById, AnnaByEmail, AnnaByPhone, AnnaByReason];

    public static async Task<PrivacyTestShop> SeedAsync(SqliteTestDatabase database)
    {
        var shop = new PrivacyTestShop();
        await shop.SaveAsync(database);
        await new ProfileBuilder(database, new CustomerFeatureBuilder(database), TimeProvider.System).BuildAsync();
        return shop;
    }

    private async Task SaveAsync(SqliteTestDatabase database)
    {
        AnnaPurchase = TestShop.Purchase("INV-1", Anna, Now.AddDays(-20), (Book, 2), (Spade, 1));
        AnnaReturn = TestShop.Return("RET-1", Anna, Now.AddDays(-15), (Spade, 1));
        BobPurchase = TestShop.Purchase("INV-2", Bob, Now.AddDays(-10), (Book, 1));
        Campaign = new Campaign
        {
            Name = "Spring books",
            Description = "Ask Anna Lindqvist (+46 70 123 45 67) before sending: she wants the garden list.",
            Status = CampaignStatus.Running,
            CreatedAt = Now.AddDays(-30),
            LaunchedAt = Now.AddDays(-25),
            Variants =
            [
                new CampaignVariant { Name = "Control: best-sellers", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.5 },
                new CampaignVariant { Name = "Treatment: personalized", Strategy = OfferStrategy.Personalized, TrafficShare = 0.5 },
            ],
        };
        Import = new ImportRun
        {
            Source = "customers-2026-06.csv",
            Format = "csv",
            Status = ImportStatus.Succeeded,
            StartedAt = Now.AddDays(-40),
            RowsRead = 10,
            RowsAccepted = 4,
            RowsRejected = 6,
            RejectedRows = [AnnaById, AnnaByEmail, AnnaByPhone, AnnaByReason, BobRow, StrangerRow],
        };

        await using var db = database.CreateDbContext();
        db.AddRange(AnnaPurchase, AnnaReturn, BobPurchase, Campaign, Import);
        await db.SaveChangesAsync();

        db.Events.AddRange(
            Event(null, AnnaSession, EventType.View, Book, -21),
            Event(Anna, AnnaSession, EventType.View, Book, -20.1),
            Event(Anna, AnnaSession, EventType.AddToCart, Book, -20.05),
            Event(Anna, AnnaSession, EventType.Purchase, Book, -20, AnnaPurchase),
            Event(Anna, "mail-anna-1", EventType.EmailOpen, null, -24, campaign: Campaign),
            Event(Bob, BobSession, EventType.View, Book, -10.1),
            Event(Bob, BobSession, EventType.Purchase, Book, -10, BobPurchase));
        db.PromoListEntries.AddRange(
            new PromoListEntry
            {
                CampaignId = Campaign.Id, VariantId = Treatment.Id, CustomerId = Anna.Id, Country = Anna.Country, CouponCode = "C1-ANNACODE", CreatedAt = Campaign.LaunchedAt!.Value,
                Items = [new PromoListItem { Rank = 1, ProductId = Spade.Id, Score = 0.9, Reason = "Popular in Garden" }, new PromoListItem { Rank = 2, ProductId = Book.Id, Score = 0.5, Reason = "Best-seller" }],
            },
            new PromoListEntry
            {
                CampaignId = Campaign.Id, VariantId = Control.Id, CustomerId = Bob.Id, Country = Bob.Country, CouponCode = "C1-BOBCODE", CreatedAt = Campaign.LaunchedAt!.Value,
                Items = [new PromoListItem { Rank = 1, ProductId = Book.Id, Score = 3, Reason = "Best-seller" }],
            });
        db.Exposures.AddRange(
            new Exposure { CampaignId = Campaign.Id, VariantId = Treatment.Id, CustomerId = Anna.Id, Kind = ExposureKind.Sent, OccurredAt = Now.AddDays(-25) },
            new Exposure { CampaignId = Campaign.Id, VariantId = Treatment.Id, CustomerId = Anna.Id, Kind = ExposureKind.Opened, OccurredAt = Now.AddDays(-24) },
            new Exposure { CampaignId = Campaign.Id, VariantId = Control.Id, CustomerId = Bob.Id, Kind = ExposureKind.Sent, OccurredAt = Now.AddDays(-25) });
        db.Conversions.AddRange(
            new Conversion { CampaignId = Campaign.Id, VariantId = Treatment.Id, CustomerId = Anna.Id, OrderId = AnnaPurchase.Id, Revenue = (double)AnnaPurchase.Total, ConvertedAt = AnnaPurchase.PlacedAt },
            new Conversion { CampaignId = Campaign.Id, VariantId = Control.Id, CustomerId = Bob.Id, OrderId = BobPurchase.Id, Revenue = (double)BobPurchase.Total, ConvertedAt = BobPurchase.PlacedAt });
        db.AuditEntries.Add(new AuditEntry { At = Now.AddDays(-1), Actor = "crm@shop.example", Action = AuditActions.ProfileViewed, EntityType = AuditEntities.Customer, EntityId = $"{Anna.Id}" });
        await db.SaveChangesAsync();
    }

    private static BehaviorEvent Event(Customer? who, string session, EventType type, Product? product, double days, Order? order = null, Campaign? campaign = null) =>
        new() { CustomerId = who?.Id, SessionId = session, Type = type, ProductId = product?.Id, OccurredAt = Now.AddDays(days), OrderId = order?.Id, CampaignId = campaign?.Id };

    private static ImportRejectedRow Rejected(long line, string reason, string rawLine) => new() { LineNumber = line, Reason = reason, RawLine = rawLine };
}
