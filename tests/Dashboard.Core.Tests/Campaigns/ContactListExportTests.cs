using System.Text;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Exports;
using Dashboard.Core.Customers;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Campaigns;

public sealed class ContactListExportTests : IDisposable
{
    private static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Write_ListsConsentingMembersWithTheirOffersInRankOrder_AndDefusesFormulas()
    {
        var campaignId = await SeedAsync(CampaignChannel.Email);

        var (written, lines) = await ExportAsync(campaignId);

        Assert.Equal(2, written);
        Assert.Equal("customer_id,email,first_name,variant,coupon_code,product_skus,product_names", lines[0]);
        Assert.Equal("C-1,ann@example.com,Ann,Treatment,SAVE-1,P2;P1,Second | First", lines[1]);
        Assert.Equal("C-2,bo@example.com,\"'=cmd\",Control,SAVE-2,P1,First", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Write_LeavesContactDetailsOut_OfAPushList()
    {
        var campaignId = await SeedAsync(CampaignChannel.Push);

        var (written, lines) = await ExportAsync(campaignId);

        Assert.Equal("customer_id,variant,coupon_code,product_skus,product_names", lines[0]);
        Assert.Equal(1, written); // only Cy consented to push
        Assert.StartsWith("C-3,Control,SAVE-3,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", string.Join('\n', lines), StringComparison.Ordinal);
    }

    private async Task<(int Written, string[] Lines)> ExportAsync(int campaignId)
    {
        using var stream = new MemoryStream();
        var written = await new ContactListExport(_db).WriteAsync(campaignId, stream, CancellationToken.None);
        return (written, Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Ann (e-mail consent, treatment, offered P2 then P1), Bo (e-mail consent, a first name that is a formula), Cy (push
    /// consent only, withdrew e-mail after launch), Ed (consented, then erased).
    /// </summary>
    private async Task<int> SeedAsync(CampaignChannel channel)
    {
        Customer Person(string id, string first, bool email, bool push, DateTime? erased = null) => new()
        {
            ExternalId = id, FirstName = first, LastName = "Test", Email = $"{first.Trim('=').ToLowerInvariant()}@example.com", Country = "United Kingdom",
            EmailOptIn = email, PushOptIn = push, CreatedAt = Created, ErasedAt = erased,
        };

        await using var db = _db.CreateDbContext();
        Customer[] people = [Person("C-1", "Ann", true, false), Person("C-2", "=cmd", true, false), Person("C-3", "Cy", false, true), Person("C-4", "Ed", true, true, Created)];
        people[1].Email = "bo@example.com";
        db.Customers.AddRange(people);
        var first = TestShop.Product("P1", "Books");
        first.Name = "First";
        var second = TestShop.Product("P2", "Books");
        second.Name = "Second";
        db.Products.AddRange(first, second);
        var campaign = new Campaign
        {
            Name = "List", Channel = channel, Status = CampaignStatus.Running, CreatedAt = Created, LaunchedAt = Created,
            Variants =
            [
                new CampaignVariant { Name = "Control", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.5, ProductCount = 2 },
                new CampaignVariant { Name = "Treatment", Strategy = OfferStrategy.Personalized, TrafficShare = 0.5, ProductCount = 2 },
            ],
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        var control = campaign.Variants.Single(v => v.IsControl);
        var treatment = campaign.Variants.Single(v => !v.IsControl);
        db.PromoListEntries.AddRange(people.Select((p, i) => new PromoListEntry
        {
            CampaignId = campaign.Id, CustomerId = p.Id, VariantId = i == 0 ? treatment.Id : control.Id, CreatedAt = Created, CouponCode = $"SAVE-{i + 1}", Country = p.Country,
            Items = i == 0
                ? [new PromoListItem { Rank = 2, ProductId = first.Id, Reason = "r" }, new PromoListItem { Rank = 1, ProductId = second.Id, Reason = "r" }]
                : [new PromoListItem { Rank = 1, ProductId = first.Id, Reason = "r" }],
        }));
        await db.SaveChangesAsync();
        return campaign.Id;
    }
}
