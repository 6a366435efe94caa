using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Campaigns;

public sealed class AudienceMembersTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly AudienceMembers _members;

    public AudienceMembersTests() => _members = new AudienceMembers(_db, TimeProvider.System);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Page_ListsRuleMatchesWithoutVariants_WhenCampaignIsNotLaunched()
    {
        var consenting = TestShop.Customer("C-2");
        var noConsent = TestShop.Customer("C-3", emailOptIn: false);
        var erased = TestShop.Customer("C-4");
        erased.ErasedAt = TestShop.Today;
        var campaign = Draft(new AudienceRules { RequireConsent = true });
        await TestShop.SaveAsync(_db, TestShop.Customer("C-1"), consenting, noConsent, erased, campaign);

        var page = await _members.PageAsync(campaign.Id, page: 1, pageSize: 10);

        Assert.NotNull(page);
        Assert.False(page.Launched);
        Assert.Equal(2, page.Total);
        Assert.Equal([new AudienceMember("C-1", null, null), new AudienceMember("C-2", null, null)], page.Members);
    }

    [Fact]
    public async Task Page_ListsPromoListWithVariantAndCoupon_WhenCampaignIsLaunched()
    {
        var customers = Enumerable.Range(1, 5).Select(i => TestShop.Customer($"C-{i}")).ToList();
        customers[4].ErasedAt = TestShop.Today;
        var campaign = Draft(new AudienceRules());
        campaign.Status = CampaignStatus.Running;
        campaign.LaunchedAt = TestShop.Today;
        campaign.Variants = [new CampaignVariant { Name = "Control", IsControl = true, TrafficShare = 0.5 }, new CampaignVariant { Name = "Treatment", TrafficShare = 0.5 }];
        await TestShop.SaveAsync(_db, [.. customers, campaign]);
        await TestShop.SaveAsync(_db, [.. customers.Select((c, i) => new PromoListEntry
        {
            CampaignId = campaign.Id,
            VariantId = campaign.Variants[i % 2].Id,
            CustomerId = c.Id,
            Country = c.Country,
            CouponCode = $"CODE-{i + 1}",
            CreatedAt = TestShop.Today,
        })]);

        var page = await _members.PageAsync(campaign.Id, page: 2, pageSize: 3);

        Assert.NotNull(page);
        Assert.True(page.Launched);
        Assert.Equal(4, page.Total);
        Assert.Equal([new AudienceMember("C-4", "Treatment", "CODE-4")], page.Members);
    }

    [Fact]
    public async Task Page_ReturnsNull_WhenCampaignDoesNotExist()
    {
        Assert.Null(await _members.PageAsync(42, 1, 10));
    }

    private static Campaign Draft(AudienceRules rules) => new()
    {
        Name = "Summer",
        CreatedAt = TestShop.Today,
        Audience = new Audience { Name = "Summer audience", RulesJson = rules.ToJson(), CreatedAt = TestShop.Today },
    };
}
