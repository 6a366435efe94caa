using System.Text;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Exports;
using Dashboard.Core.Customers;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Campaigns;

public sealed class AdAudienceExportTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Write_HashesConsentingMembersOnly_AndCountsWhoWasLeftOut()
    {
        var (campaignId, treatmentId) = await SeedAsync();

        using var stream = new MemoryStream();
        var result = await new AdAudienceExport(_db).WriteAsync(campaignId, null, stream, CancellationToken.None);

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Email,Phone", lines[0]);
        Assert.Equal(
        [
            $"{CustomerMatchIdentifiers.Sha256("ann@example.com")},{CustomerMatchIdentifiers.Sha256("+44128867729")}",
            $",{CustomerMatchIdentifiers.Sha256("+4917612345678")}",
        ], lines[1..]);
        Assert.DoesNotContain("example.com", string.Join('\n', lines), StringComparison.Ordinal);
        Assert.Equal(new AdAudienceExportResult(Written: 2, WithoutConsent: 1, Unmatchable: 1), result);

        using var treatmentOnly = new MemoryStream();
        var onlyTreatment = await new AdAudienceExport(_db).WriteAsync(campaignId, treatmentId, treatmentOnly, CancellationToken.None);
        Assert.Equal(1, onlyTreatment.Written);
    }

    /// <summary>Ann (consents, e-mail and UK phone, treatment), Bo (consents, phone only), Cy (no ads consent), Di (consents, nothing to match), Ed (erased).</summary>
    private async Task<(int CampaignId, int TreatmentId)> SeedAsync()
    {
        var created = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Customer Person(string id, string? email, string? phone, string country, bool ads, DateTime? erased = null) => new()
        {
            ExternalId = id, FirstName = id, LastName = "Test", Email = email, Phone = phone, Country = country, AdsOptIn = ads,
            CreatedAt = created, ErasedAt = erased,
        };

        await using var db = _db.CreateDbContext();
        Customer[] people =
        [
            Person("ann", " Ann@Example.com", "01288 67729", "United Kingdom", ads: true),
            Person("bo", null, "0049 176 12345678", "France", ads: true),
            Person("cy", "cy@example.com", null, "Germany", ads: false),
            Person("di", "not an address", "12", "Unspecified", ads: true),
            Person("ed", "ed@example.com", "01288 11111", "United Kingdom", ads: true, erased: created),
        ];
        db.Customers.AddRange(people);
        var campaign = new Campaign
        {
            Name = "Ads", Channel = CampaignChannel.PaidSocial, Status = CampaignStatus.Running, CreatedAt = created, LaunchedAt = created,
            Variants =
            [
                new CampaignVariant { Name = "Control", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.5, ProductCount = 1 },
                new CampaignVariant { Name = "Treatment", Strategy = OfferStrategy.Personalized, TrafficShare = 0.5, ProductCount = 1 },
            ],
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        var treatment = campaign.Variants.Single(v => !v.IsControl);
        var control = campaign.Variants.Single(v => v.IsControl);
        db.PromoListEntries.AddRange(people.Select((p, i) => new PromoListEntry
        {
            CampaignId = campaign.Id, CustomerId = p.Id, VariantId = i == 0 ? treatment.Id : control.Id, CreatedAt = created, Country = p.Country,
        }));
        await db.SaveChangesAsync();
        return (campaign.Id, treatment.Id);
    }
}
