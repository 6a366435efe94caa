using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Campaigns.Audiences;

/// <summary>
/// Six hand-made customers whose rule matches are counted by hand, and one erased customer who matches nothing:
/// <code>
/// id  country  opt-in  segment      cluster  churn  propensity  value  last purchase    top categories
/// A   DE       E P     Champions    1        0.10   0.9         300    5 days ago       Books 0.6, Garden 0.4
/// B   DE       E       Loyal        2        0.35   0.5         120    30 d 6 h ago     Garden 0.8
/// C   FR       A       At Risk      2        0.65   0.2          20    90 days ago      Books 0.15
/// D   FR       E P A   Champions    —        0.60   —            —     31 days ago      —
/// E   UK       E       (no profile)
/// F   DE       E       Hibernating  3        —      0.1           5    never            —
/// X   DE       E P A   Champions    1        0.10   0.9         300    5 days ago       Books 1.0   (erased)
/// </code>
/// </summary>
public sealed class AudienceShop
{
    public static readonly DateTime Now = TestShop.Today;

    private readonly Dictionary<int, string> _names = [];

    private AudienceShop(SqliteTestDatabase db) => Db = db;

    public SqliteTestDatabase Db { get; }

    public static async Task<AudienceShop> CreateAsync(SqliteTestDatabase db)
    {
        var shop = new AudienceShop(db);
        await shop.AddAsync("A", "DE", "EP", new Profile("Champions", 1, 0.10, 0.9, 300, Now.AddDays(-5), [("Books", 0.6), ("Garden", 0.4)]));
        await shop.AddAsync("B", "DE", "E", new Profile("Loyal", 2, 0.35, 0.5, 120, Now.AddDays(-30).AddHours(-6), [("Garden", 0.8)]));
        await shop.AddAsync("C", "FR", "A", new Profile("At Risk", 2, 0.65, 0.2, 20, Now.AddDays(-90), [("Books", 0.15)]));
        await shop.AddAsync("D", "FR", "EPA", new Profile("Champions", null, 0.60, null, null, Now.AddDays(-31), []));
        await shop.AddAsync("E", "UK", "E", null);
        await shop.AddAsync("F", "DE", "E", new Profile("Hibernating", 3, null, 0.1, 5, null, []));
        var erased = await shop.AddAsync("X", "DE", "EPA", new Profile("Champions", 1, 0.10, 0.9, 300, Now.AddDays(-5), [("Books", 1.0)]));
        await using var context = db.CreateDbContext();
        await context.Customers.Where(c => c.Id == erased.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ErasedAt, Now.AddDays(-1)));
        return shop;
    }

    /// <summary>The external ids of the customers the rules select, sorted.</summary>
    public async Task<string[]> MatchAsync(AudienceRules rules, CampaignChannel channel = CampaignChannel.OnSiteBanner, DateTime? now = null)
    {
        await using var db = Db.CreateDbContext();
        var ids = await AudienceQuery.CustomerIdsAsync(db, rules, channel, now ?? Now);
        return [.. (await ids.ToListAsync()).Select(id => _names[id]).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every rule test's shorthand: these conditions, all of them, no consent rule.</summary>
    public Task<string[]> MatchAsync(params AudienceCondition[] conditions) => MatchAsync(AudienceRules.AllOf(conditions) with { RequireConsent = false });

    public int IdOf(string name) => _names.Single(n => n.Value == name).Key;

    /// <summary>A campaign with one variant, for exposures to point at.</summary>
    public async Task<(int CampaignId, int VariantId)> CampaignAsync(string name)
    {
        var campaign = new Campaign { Name = name, CreatedAt = Now, Variants = [new CampaignVariant { Name = "Only", IsControl = true, TrafficShare = 1 }] };
        await TestShop.SaveAsync(Db, campaign);
        return (campaign.Id, campaign.Variants[0].Id);
    }

    public async Task ExposeAsync((int CampaignId, int VariantId) campaign, string customer, ExposureKind kind, DateTime at) =>
        await TestShop.SaveAsync(Db, new Exposure { CampaignId = campaign.CampaignId, VariantId = campaign.VariantId, CustomerId = IdOf(customer), Kind = kind, OccurredAt = at });

    private async Task<Customer> AddAsync(string name, string country, string optIns, Profile? profile)
    {
        var customer = new Customer
        {
            ExternalId = name,
            Country = country,
            CreatedAt = Now.AddDays(-400),
            EmailOptIn = optIns.Contains('E', StringComparison.Ordinal),
            PushOptIn = optIns.Contains('P', StringComparison.Ordinal),
            AdsOptIn = optIns.Contains('A', StringComparison.Ordinal),
        };
        await TestShop.SaveAsync(Db, customer);
        _names[customer.Id] = name;
        if (profile is not null)
        {
            await TestShop.SaveAsync(Db, new CustomerProfile
            {
                CustomerId = customer.Id,
                Segment = profile.Segment,
                Cluster = profile.Cluster,
                ChurnRisk = profile.Churn,
                PurchasePropensity = profile.Propensity,
                ExpectedValue90d = profile.Value,
                LastPurchaseAt = profile.LastPurchase,
                TopCategory = profile.Categories.Length > 0 ? profile.Categories[0].Category : null,
                TopCategories = [.. profile.Categories.Select(c => new ProfileCategoryShare { Category = c.Category, Share = c.Share })],
                ReferenceDate = Now,
                ComputedAt = Now,
            });
        }

        return customer;
    }

    private sealed record Profile(
        string Segment, int? Cluster, double? Churn, double? Propensity, double? Value, DateTime? LastPurchase, (string Category, double Share)[] Categories);
}
