using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments.Statistics;
using Dashboard.Core.Models;
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

/// <summary>
/// Launches of designed experiments on a real SQLite file: several treatments, a pinned model version, offers limited
/// to the discount's products, the members' scores kept, and the split read back against the plan.
/// </summary>
public sealed class ExperimentDesignTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly InMemoryStorage _storage = new();
    private readonly RecommendationServing _recommendations;
    private readonly CampaignService _campaigns;

    public ExperimentDesignTests()
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
    public async Task Launch_OffersEachVariantItsOwnModel_AndRecordsTheVersion()
    {
        var shop = await SeedShopAsync();
        var campaign = await LaunchAsync(new CampaignDraft
        {
            Name = "Champion vs challenger",
            ProductCount = 2,
            Variants =
            [
                new() { Name = "Control", Strategy = OfferStrategy.BestSellers },
                new() { Name = "Champion", Strategy = OfferStrategy.Personalized },
                new() { Name = "Old model", Strategy = OfferStrategy.Personalized, ModelVersionId = shop.Old },
            ],
            HoldoutShare = 0.1,
        });

        await using var db = _db.CreateDbContext();
        var variants = await db.CampaignVariants.Where(v => v.CampaignId == campaign.Id).ToDictionaryAsync(v => v.Name);
        var entries = await db.PromoListEntries.Include(e => e.Items).Where(e => e.CampaignId == campaign.Id).ToListAsync();
        var launchedAt = (await db.Campaigns.SingleAsync(c => c.Id == campaign.Id)).LaunchedAt!.Value;
        var everyone = entries.Select(e => e.CustomerId).ToList();
        var underOld = await _recommendations.ForCustomersAsync(await _recommendations.ModelAsync(shop.Old), everyone, 2, launchedAt);
        var underChampion = await _recommendations.ForCustomersAsync(await _recommendations.ModelAsync(null), everyone, 2, launchedAt);
        var bestSellers = await _recommendations.BestSellersAsync(2);

        Assert.All(variants.Values, v => Assert.Contains(entries, e => e.VariantId == v.Id));
        foreach (var entry in entries)
        {
            var variant = variants.Values.Single(v => v.Id == entry.VariantId);
            (int? Version, IReadOnlyList<ServedItem> Offers) expected = variant.Name switch
            {
                "Control" => (null, bestSellers),
                "Champion" => (shop.Champion, underChampion[entry.CustomerId]),
                "Old model" => (shop.Old, underOld[entry.CustomerId]),
                _ => (null, []),
            };
            Assert.Equal(expected.Version, entry.ModelVersionId);
            Assert.Equal(expected.Offers.Select(r => r.ProductId), entry.Items.OrderBy(i => i.Rank).Select(i => i.ProductId));
            Assert.Equal(expected.Offers.Select(r => r.Reason), entry.Items.OrderBy(i => i.Rank).Select(i => i.Reason));
        }

        // The best-sellers are the recent anonymous demand: B3 and G3 lead with 11 orders each (a tie, broken by id).
        Assert.Equal(shop.Products.Where(p => p.Sku is "B3" or "G3").Select(p => p.Id).Order(), bestSellers.Select(b => b.ProductId));
        // The two versions rank the garden lovers' lists differently, so a launch that ignored the pin would fail above.
        var gardenLover = shop.Customers.First(c => c.ExternalId.StartsWith("garden", StringComparison.Ordinal)).Id;
        Assert.NotEqual(underOld[gardenLover].Select(r => r.ProductId), underChampion[gardenLover].Select(r => r.ProductId));
    }

    [Theory]
    [InlineData(new[] { "Garden" }, new string[0], new[] { "G1", "G2", "G3" })]
    [InlineData(new string[0], new[] { "B3", "G2" }, new[] { "B3", "G2" })]
    [InlineData(new[] { "Books" }, new[] { "B3", "G2" }, new[] { "B3" })]
    public async Task Launch_OffersOnlyTheDiscountsProducts_AndStillFillsTheList(string[] categories, string[] skus, string[] eligible)
    {
        var shop = await SeedShopAsync();
        var campaign = await LaunchAsync(new CampaignDraft
        {
            Name = "Limited offer",
            ProductCount = 2,
            Offer = new CampaignOffer { Discount = DiscountKind.PercentOff, DiscountValue = 10, EligibleCategories = [.. categories], EligibleSkus = [.. skus] },
        });

        await using var db = _db.CreateDbContext();
        var entries = await db.PromoListEntries.Include(e => e.Items).Where(e => e.CampaignId == campaign.Id).ToListAsync();
        var eligibleIds = shop.Products.Where(p => eligible.Contains(p.Sku)).Select(p => p.Id).ToHashSet();

        Assert.Equal(shop.Customers.Count, entries.Count);
        // Book lovers are offered garden products too when only garden products are discounted: the top-N is filled
        // from the eligible products, not cut from the unrestricted ranking.
        Assert.All(entries, e => Assert.Equal(Math.Min(2, eligible.Length), e.Items.Count));
        Assert.All(entries.SelectMany(e => e.Items), i => Assert.Contains(i.ProductId, eligibleIds));
    }

    [Fact]
    public async Task Launch_KeepsEachMembersScores_HoldoutIncluded()
    {
        var shop = await SeedShopAsync();
        var campaign = await LaunchAsync(new CampaignDraft { Name = "Scored", HoldoutShare = 0.3 });

        await using var db = _db.CreateDbContext();
        var entries = await db.PromoListEntries.Where(e => e.CampaignId == campaign.Id).ToListAsync();
        var holdout = await db.CampaignVariants.SingleAsync(v => v.CampaignId == campaign.Id && v.Strategy == OfferStrategy.None);

        Assert.Equal(shop.Customers.Count, entries.Count);
        Assert.Contains(entries, e => e.VariantId == holdout.Id);
        foreach (var entry in entries.Where(e => e.CustomerId != shop.Unprofiled.Id))
        {
            // SeedShopAsync's scores: churn id / 100, propensity 1 - id / 100, expected value 10 id.
            Assert.Equal(entry.CustomerId / 100.0, entry.ChurnRisk!.Value, 12);
            Assert.Equal(1 - (entry.CustomerId / 100.0), entry.PurchasePropensity!.Value, 12);
            Assert.Equal(entry.CustomerId * 10.0, entry.ExpectedValue90d!.Value, 12);
        }

        var unprofiled = Assert.Single(entries, e => e.CustomerId == shop.Unprofiled.Id);
        Assert.Null(unprofiled.ChurnRisk);
        Assert.Null(unprofiled.PurchasePropensity);
        Assert.Null(unprofiled.ExpectedValue90d);
        Assert.All(entries.Where(e => e.VariantId == holdout.Id), e => Assert.Null(e.ModelVersionId));
    }

    [Fact]
    public async Task Relaunch_OfTheSameCampaign_AssignsEveryMemberAsBefore()
    {
        await SeedShopAsync();
        var campaign = await LaunchAsync(new CampaignDraft { Name = "Retried", HoldoutShare = 0.2 });
        var first = await AssignmentAsync(campaign.Id);

        // As when Hangfire retries a launch: the job starts over from a scheduled campaign.
        await using (var db = _db.CreateDbContext())
        {
            await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Scheduled));
        }

        await RunLaunchJobAsync(campaign.Id);

        Assert.Equal(3, first.Values.Distinct().Count());
        Assert.Equal(first, await AssignmentAsync(campaign.Id));
    }

    [Fact]
    public async Task Split_ComparesTheMembersPerArmWithThePlan()
    {
        var shop = await SeedShopAsync();
        var campaign = await LaunchAsync(new CampaignDraft { Name = "Split", HoldoutShare = 0.2 });
        await using var db = _db.CreateDbContext();
        var counts = await db.PromoListEntries.Where(e => e.CampaignId == campaign.Id).GroupBy(e => e.VariantId)
            .ToDictionaryAsync(g => g.Key, g => g.Count());

        var split = await new CampaignQueries(_db).SplitAsync(campaign.Id);

        Assert.NotNull(split);
        Assert.Equal(["Control: best-sellers", "Treatment: personalized", VariantPlan.HoldoutName], split.Variants.Select(v => v.Name));
        Assert.Equal([0.4, 0.4, 0.2], split.Variants.Select(v => Math.Round(v.PlannedShare, 12)));
        Assert.Equal(split.Variants.Select(v => counts.GetValueOrDefault(v.VariantId)), split.Variants.Select(v => v.Members));
        Assert.Equal(shop.Customers.Count, split.Variants.Sum(v => v.Members));
        Assert.All(split.Variants, v => Assert.Equal((double)v.Members / shop.Customers.Count, v.ActualShare, 12));
        var expected = SampleRatioTest.Run(split.Variants.Select(v => (long)v.Members).ToList(), [0.4, 0.4, 0.2]);
        Assert.Equal(expected.PValue, split.Test.PValue, 12);
        Assert.Null(await new CampaignQueries(_db).SplitAsync(await DraftIdAsync()));
    }

    [Fact]
    public async Task Preview_ShowsTheScoresTheModelAndTheCoupon()
    {
        var shop = await SeedShopAsync();
        var campaign = await LaunchAsync(new CampaignDraft
        {
            Name = "Previewed",
            Offer = new CampaignOffer { CouponPattern = "SPRING-{code}" },
        });
        await using var db = _db.CreateDbContext();
        var treatment = await db.CampaignVariants.SingleAsync(v => v.CampaignId == campaign.Id && v.Strategy == OfferStrategy.Personalized);

        var preview = await new CampaignQueries(_db).PreviewAsync(campaign.Id, treatment.Id, take: 50);

        Assert.NotEmpty(preview);
        foreach (var member in preview)
        {
            var customer = shop.Customers.Single(c => c.ExternalId == member.CustomerExternalId);
            Assert.Equal(VariantAssigner.CouponCode("SPRING-{code}", campaign.Id, customer.Id), member.CouponCode);
            Assert.Equal(shop.Champion, member.ModelVersionId);
            var profiled = customer.Id != shop.Unprofiled.Id;
            Assert.Equal(profiled ? customer.Id / 100.0 : null, member.ChurnRisk);
            Assert.Equal(profiled ? 1 - (customer.Id / 100.0) : null, member.PurchasePropensity);
            Assert.Equal(profiled ? customer.Id * 10.0 : null, member.ExpectedValue90d);
        }
    }

    [Fact]
    public async Task Create_RefusesAPinnedVersionThatDoesNotExist()
    {
        await SeedShopAsync();
        var draft = new CampaignDraft { Name = "Ghost model" };
        draft.Variants[1].ModelVersionId = 999;

        var error = await Assert.ThrowsAsync<CampaignValidationException>(() => _campaigns.CreateAsync(draft));

        Assert.Contains("pins model version #999, which no longer exists", error.Message, StringComparison.Ordinal);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.Campaigns.AnyAsync());
    }

    private async Task<Campaign> LaunchAsync(CampaignDraft draft)
    {
        var campaign = await _campaigns.CreateAsync(draft);
        await _campaigns.LaunchAsync(campaign.Id);
        await RunLaunchJobAsync(campaign.Id);
        return campaign;
    }

    private async Task<int> DraftIdAsync() => (await _campaigns.CreateAsync(new CampaignDraft { Name = "Not launched" })).Id;

    private async Task<Dictionary<int, int>> AssignmentAsync(int campaignId)
    {
        await using var db = _db.CreateDbContext();
        return await db.PromoListEntries.Where(e => e.CampaignId == campaignId).ToDictionaryAsync(e => e.CustomerId, e => e.VariantId);
    }

    private async Task RunLaunchJobAsync(int campaignId) =>
        await new CampaignLaunchJob(_db, _recommendations, TimeProvider.System, NullLogger<CampaignLaunchJob>.Instance)
            .RunAsync(campaignId, CancellationToken.None);

    /// <summary>
    /// 41 customers bought 40 days ago: 20 books (B1 and B2), 20 garden (one of G1..G3), and one more (B1) whose profile
    /// is missing, as for a customer who joined after the last profile build. Anonymous demand: B1 5, B2 4, B3 3, G1 2,
    /// G2 1, G3 1 orders, then B3 and G3 sell 8 and 10 more, so the best-sellers are B3 (11) and G3 (11). Two recommender
    /// versions: an old popularity one and the repeat-buying champion. Scores: churn id / 100, propensity 1 - id / 100,
    /// expected value 10 id.
    /// </summary>
    private async Task<SeededShop> SeedShopAsync()
    {
        var books = Enumerable.Range(1, 3).Select(i => TestShop.Product($"B{i}", "Books", 10m + i)).ToList();
        var garden = Enumerable.Range(1, 3).Select(i => TestShop.Product($"G{i}", "Garden", 20m + i)).ToList();
        var bookLovers = Enumerable.Range(1, 20).Select(i => TestShop.Customer($"books{i}")).ToList();
        var gardenLovers = Enumerable.Range(1, 20).Select(i => TestShop.Customer($"garden{i}")).ToList();
        var unprofiled = TestShop.Customer("new");
        var orders = bookLovers.Select((c, i) => TestShop.Purchase($"b{i}", c, TestShop.Today.AddDays(-40), (books[0], 1), (books[1], 1)))
            .Concat(gardenLovers.Select((c, i) => TestShop.Purchase($"g{i}", c, TestShop.Today.AddDays(-40), (garden[i % 3], 1))))
            .Append(TestShop.Purchase("new", unprofiled, TestShop.Today.AddDays(-40), (books[0], 1)))
            .Concat(AnonymousDemand("early", TestShop.Today, (books[0], 5), (books[1], 4), (books[2], 3), (garden[0], 2), (garden[1], 1), (garden[2], 1)))
            .ToList();
        await TestShop.SaveAsync(_db, [.. orders]);
        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();
        await using var db = _db.CreateDbContext();
        db.AttachRange(books[2], garden[2]);
        db.AddRange(AnonymousDemand("late", TestShop.Today.AddDays(2), (books[2], 8), (garden[2], 10)));
        await db.SaveChangesAsync();
        // The old version ranks by what the customers bought 40 days ago (B1 21 orders, B2 20, G1..G3 7 each); the
        // champion offers each customer their own items again first.
        var old = await TestServing.PromoteChampionAsync(_db, new PopularityRecommender(), TestShop.Today.AddDays(-35));
        var champion = await TestServing.PromoteChampionAsync(_db, new RepeatRecommender(), TestShop.Today);

        await db.Profiles.Where(p => p.CustomerId == unprofiled.Id).ExecuteDeleteAsync();
        await db.Profiles.ExecuteUpdateAsync(s => s
            .SetProperty(p => p.ChurnRisk, p => p.CustomerId / 100.0)
            .SetProperty(p => p.PurchasePropensity, p => 1 - (p.CustomerId / 100.0))
            .SetProperty(p => p.ExpectedValue90d, p => p.CustomerId * 10.0));
        return new SeededShop([.. bookLovers, .. gardenLovers, unprofiled], bookLovers, unprofiled, [.. books, .. garden], old, champion);
    }

    /// <summary>Orders of one product each by shoppers without an account, on the days before <paramref name="end"/>.</summary>
    private static IEnumerable<Dashboard.Core.Orders.Order> AnonymousDemand(string batch, DateTime end, params (Product Product, int Orders)[] demand) =>
        demand.SelectMany(d => Enumerable.Range(1, d.Orders)
            .Select(k => TestShop.Purchase($"{batch}-{d.Product.Sku}-{k}", null, end.AddDays(-k), (d.Product, 1))));

    private sealed record SeededShop(
        List<Customer> Customers, List<Customer> BookLovers, Customer Unprofiled, List<Product> Products, int Old, int Champion);
}
