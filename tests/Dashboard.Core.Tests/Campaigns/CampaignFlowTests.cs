using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Campaigns;

/// <summary>Create -> launch (queued on a real Hangfire storage) -> promo list -> conversions -> report, on a real SQLite file.</summary>
public sealed class CampaignFlowTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly InMemoryStorage _storage = new();
    private readonly RecommendationServing _recommendations;
    private readonly CampaignService _campaigns;

    public CampaignFlowTests()
    {
        _recommendations = TestServing.Create(_db, TimeProvider.System);
        _campaigns = new CampaignService(_db, new CampaignReadiness(_db, TimeProvider.System), new BackgroundJobClient(_storage), TimeProvider.System);
    }

    public void Dispose()
    {
        _storage.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task Launch_WritesPromoListWithPersonalizedAndBestSellerOffers()
    {
        var (customers, books, garden) = await SeedShopAsync();
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Spring promo", ProductCount = 2 });

        var jobId = await _campaigns.LaunchAsync(campaign.Id);
        await RunLaunchJobAsync(campaign.Id);

        Assert.Equal("Enqueued", _storage.GetMonitoringApi().JobDetails(jobId).History[0].StateName);
        await using var db = _db.CreateDbContext();
        var stored = await db.Campaigns.Include(c => c.Variants).SingleAsync(c => c.Id == campaign.Id);
        Assert.Equal(CampaignStatus.Running, stored.Status);
        Assert.NotNull(stored.LaunchedAt);
        var entries = await db.PromoListEntries.Include(e => e.Items).ToListAsync();
        Assert.Equal(customers.Count, entries.Count);
        var treatment = stored.Variants.Single(v => v.Strategy == OfferStrategy.Personalized);
        var control = stored.Variants.Single(v => v.IsControl);
        foreach (var entry in entries)
        {
            var expected = VariantAssigner.Assign(campaign.Id, entry.CustomerId, stored.Variants.OrderBy(v => v.Id).ToList(), v => v.TrafficShare);
            Assert.Equal(expected.Id, entry.VariantId);
            Assert.Equal(2, entry.Items.Count);
            Assert.NotNull(entry.CouponCode);
        }

        // Garden lovers in the treatment are offered their own garden product again first (the champion is the
        // repeat-buying model), then the best-seller; the control gets the recent best-sellers.
        var gardenLovers = customers.Select((c, i) => (Customer: c, Index: i))
            .Where(c => c.Index >= 20 && entries.Single(e => e.CustomerId == c.Customer.Id).VariantId == treatment.Id).ToList();
        Assert.NotEmpty(gardenLovers);
        foreach (var (gardenLover, index) in gardenLovers)
        {
            var offered = entries.Single(e => e.CustomerId == gardenLover.Id).Items.OrderBy(i => i.Rank).ToList();
            Assert.Equal([garden[index % 3].Id, books[0].Id], offered.Select(i => i.ProductId));
            Assert.Equal("you bought this before", offered[0].Reason);
        }

        var controlItems = entries.Where(e => e.VariantId == control.Id).Select(e => string.Join(",", e.Items.OrderBy(i => i.Rank).Select(i => i.ProductId))).Distinct().ToList();
        Assert.Equal(books[0].Id + "," + books[1].Id, Assert.Single(controlItems));
        Assert.Equal(customers.Count, await db.Exposures.CountAsync(e => e.CampaignId == campaign.Id));
    }

    [Fact]
    public async Task Launch_Refuses_WhenCampaignIsNotADraft()
    {
        await SeedShopAsync();
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Twice" });
        await _campaigns.LaunchAsync(campaign.Id);

        var error = await Assert.ThrowsAsync<CampaignRuleException>(() => _campaigns.LaunchAsync(campaign.Id));

        Assert.Contains("Scheduled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_Refuses_WhenAudienceIsEmpty()
    {
        await SeedShopAsync();
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Nobody", Audience = AudienceRules.AllOf(AudienceCondition.In(AudienceField.Country, "Atlantis")) });

        var error = await Assert.ThrowsAsync<CampaignValidationException>(() => _campaigns.LaunchAsync(campaign.Id));

        Assert.Contains("audience is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_CountsConvertersPerVariant_AfterAttribution()
    {
        var (customers, books, _) = await SeedShopAsync();
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Measured", AttributionWindowDays = 7 });
        await _campaigns.LaunchAsync(campaign.Id);
        await RunLaunchJobAsync(campaign.Id);
        await using (var db = _db.CreateDbContext())
        {
            var launchedAt = (await db.Campaigns.SingleAsync()).LaunchedAt!.Value;
            // Three members buy inside the window (one twice), one buys after it: 3 converters, 4 orders.
            var buyers = customers.Take(4).ToList();
            db.AttachRange(buyers);
            db.Attach(books[0]);
            db.AddRange(
                TestShop.Purchase("w1", buyers[0], launchedAt.AddDays(1), (books[0], 1)),
                TestShop.Purchase("w2", buyers[0], launchedAt.AddDays(2), (books[0], 1)),
                TestShop.Purchase("w3", buyers[1], launchedAt.AddDays(3), (books[0], 1)),
                TestShop.Purchase("w4", buyers[2], launchedAt.AddDays(6), (books[0], 1)),
                TestShop.Purchase("late", buyers[3], launchedAt.AddDays(8), (books[0], 1)));
            await db.SaveChangesAsync();
        }

        var attributor = new ConversionAttributor(_db);
        Assert.Equal(4, await attributor.AttributeAsync(campaign.Id));
        Assert.Equal(4, await attributor.AttributeAsync(campaign.Id));
        var outcomes = await new ExperimentAggregates(_db, TimeProvider.System).GetAsync(campaign.Id);

        Assert.NotNull(outcomes);
        Assert.Equal(customers.Count, outcomes.Variants.Sum(v => v.Sums.Members));
        Assert.Equal(3, outcomes.Variants.Sum(v => v.Sums.Converters));
        Assert.Equal(4 * (double)books[0].Price, outcomes.Variants.Sum(v => v.Sums.RevenueSum), 6);
    }

    [Fact]
    public async Task Launch_WithAHoldout_ListsItsMembersWithoutOffersOrContact()
    {
        var (customers, _, _) = await SeedShopAsync();
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Holdout promo", HoldoutShare = 0.2 });

        await _campaigns.LaunchAsync(campaign.Id);
        await RunLaunchJobAsync(campaign.Id);

        await using var db = _db.CreateDbContext();
        var variants = await db.CampaignVariants.Where(v => v.CampaignId == campaign.Id).OrderBy(v => v.Id).ToListAsync();
        Assert.Equal([0.4, 0.4, 0.2], variants.Select(v => Math.Round(v.TrafficShare, 12)));
        var holdout = Assert.Single(variants, v => v.Strategy == OfferStrategy.None);
        var held = await db.PromoListEntries.Include(e => e.Items).Where(e => e.VariantId == holdout.Id).ToListAsync();
        Assert.NotEmpty(held);
        Assert.All(held, e => Assert.Empty(e.Items));
        Assert.All(held, e => Assert.Null(e.CouponCode));
        var heldIds = held.Select(e => e.CustomerId).ToList();
        Assert.False(await db.Exposures.AnyAsync(x => heldIds.Contains(x.CustomerId) && x.CampaignId == campaign.Id));
        Assert.Equal(customers.Count, await db.PromoListEntries.CountAsync(e => e.CampaignId == campaign.Id));

        using var list = new MemoryStream();
        var listed = await new Dashboard.Core.Campaigns.Exports.ContactListExport(_db).WriteAsync(campaign.Id, list, CancellationToken.None);
        Assert.Equal(customers.Count - held.Count, listed);
    }

    [Fact]
    public async Task Cancel_BeforeTheQueuedLaunchRuns_WritesNoPromoList()
    {
        await SeedShopAsync();
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Cancelled promo" });
        await _campaigns.LaunchAsync(campaign.Id);

        await _campaigns.CancelAsync(campaign.Id);
        await RunLaunchJobAsync(campaign.Id);

        await using var db = _db.CreateDbContext();
        var stored = await db.Campaigns.SingleAsync(c => c.Id == campaign.Id);
        Assert.Equal(CampaignStatus.Cancelled, stored.Status);
        Assert.NotNull(stored.CompletedAt);
        Assert.Null(stored.LaunchedAt);
        Assert.False(await db.PromoListEntries.AnyAsync(e => e.CampaignId == campaign.Id));
        var error = await Assert.ThrowsAsync<CampaignRuleException>(() => _campaigns.CompleteAsync(campaign.Id));
        Assert.Contains("Cancelled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ARunningCampaign_KeepsWhatWasSent()
    {
        var (customers, _, _) = await SeedShopAsync();
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Stopped promo" });
        await _campaigns.LaunchAsync(campaign.Id);
        await RunLaunchJobAsync(campaign.Id);

        await _campaigns.CancelAsync(campaign.Id);

        await using var db = _db.CreateDbContext();
        Assert.Equal(CampaignStatus.Cancelled, (await db.Campaigns.SingleAsync(c => c.Id == campaign.Id)).Status);
        Assert.Equal(customers.Count, await db.PromoListEntries.CountAsync(e => e.CampaignId == campaign.Id));
    }

    private async Task RunLaunchJobAsync(int campaignId) =>
        await new CampaignLaunchJob(_db, _recommendations, TimeProvider.System, NullLogger<CampaignLaunchJob>.Instance)
            .RunAsync(campaignId, CancellationToken.None);

    /// <summary>
    /// 40 customers bought 40 days ago: half books, half garden. Popularity comes from recent anonymous orders:
    /// B1 in 5 orders, B2 in 4, B3 in 3, G1 in 2, G2 and G3 in 1 each. The recommender champion is repeat buying.
    /// </summary>
    private async Task<(List<Customer> Customers, List<Product> Books, List<Product> Garden)> SeedShopAsync()
    {
        var books = Enumerable.Range(1, 3).Select(i => TestShop.Product($"B{i}", "Books", 10m + i)).ToList();
        var garden = Enumerable.Range(1, 3).Select(i => TestShop.Product($"G{i}", "Garden", 20m + i)).ToList();
        var customers = Enumerable.Range(1, 40).Select(i => TestShop.Customer(i <= 20 ? $"books{i}" : $"garden{i}")).ToList();
        var orders = customers.Select((c, i) => i < 20
            ? TestShop.Purchase($"o{i}", c, TestShop.Today.AddDays(-40), (books[0], 1), (books[1], 1))
            : TestShop.Purchase($"o{i}", c, TestShop.Today.AddDays(-40), (garden[i % 3], 1))).ToList();
        (Product Product, int Orders)[] demand = [(books[0], 5), (books[1], 4), (books[2], 3), (garden[0], 2), (garden[1], 1), (garden[2], 1)];
        orders.AddRange(demand.SelectMany(d => Enumerable.Range(1, d.Orders)
            .Select(k => TestShop.Purchase($"anon-{d.Product.Sku}-{k}", null, TestShop.Today.AddDays(-k), (d.Product, 1)))));
        await TestShop.SaveAsync(_db, [.. orders]);
        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();
        await TestServing.PromoteChampionAsync(_db, new RepeatRecommender(), TestShop.Today);
        return (customers, books, garden);
    }
}
