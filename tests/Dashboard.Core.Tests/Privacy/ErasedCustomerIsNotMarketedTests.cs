using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Customers;
using Dashboard.Core.Demo;
using Dashboard.Core.Experiments;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Privacy;
using Dashboard.Core.Profiles;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Demo;
using Dashboard.Core.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Privacy;

/// <summary>Every path that picks customers for marketing leaves an erased customer out, whenever the erasure happens.</summary>
public sealed class ErasedCustomerIsNotMarketedTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly InMemoryStorage _storage = new();
    private readonly CampaignService _campaigns;
    private readonly CustomerEraser _eraser;

    public ErasedCustomerIsNotMarketedTests()
    {
        _campaigns = new CampaignService(_db, new CampaignReadiness(_db, TimeProvider.System), new BackgroundJobClient(_storage), TimeProvider.System);
        _eraser = new CustomerEraser(_db, new AuditLog(_db, TimeProvider.System), TimeProvider.System);
    }

    public void Dispose()
    {
        _storage.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task AudienceCount_LeavesOutErasedCustomer_EvenWithoutConsentRule()
    {
        var customers = await SeedShopAsync();
        var rules = new AudienceRules { RequireConsent = false };
        var estimator = new AudienceEstimator(_db, TimeProvider.System);
        var before = await estimator.CountAsync(rules, CampaignChannel.OnSiteBanner);

        await _eraser.EraseAsync(customers[0].Id, "crm", CancellationToken.None);

        Assert.Equal(customers.Count, before);
        Assert.Equal(customers.Count - 1, await estimator.CountAsync(rules, CampaignChannel.OnSiteBanner));
    }

    [Fact]
    public async Task LaunchJob_LeavesOutCustomer_WhenErasedBeforeLaunch()
    {
        var customers = await SeedShopAsync();
        var erased = customers[3];
        await _eraser.EraseAsync(erased.Id, "crm", CancellationToken.None);

        var campaignId = await LaunchAsync(TimeProvider.System);

        await AssertNotContactedAsync(campaignId, erased.Id, customers.Count - 1);
    }

    [Fact]
    public async Task LaunchJob_LeavesOutCustomer_WhenErasedWhileTheListsAreComputed()
    {
        var customers = await SeedShopAsync();
        var erased = customers[3];

        var campaignId = await LaunchAsync(new ErasingClock(() => _eraser.EraseAsync(erased.Id, "crm", CancellationToken.None)));

        await using var db = _db.CreateDbContext();
        Assert.NotNull((await db.Customers.SingleAsync(c => c.Id == erased.Id)).ErasedAt);
        await AssertNotContactedAsync(campaignId, erased.Id, customers.Count - 1);
    }

    [Fact]
    public async Task ForCustomersAsync_OffersErasedCustomerNothing()
    {
        var customers = await SeedShopAsync();
        await _eraser.EraseAsync(customers[0].Id, "crm", CancellationToken.None);
        var recommendations = TestServing.Create(_db, TimeProvider.System);
        var model = await recommendations.ModelAsync(null);

        var lists = await recommendations.ForCustomersAsync(model, [customers[0].Id, customers[1].Id], 3, TestShop.Today);

        Assert.Empty(lists[customers[0].Id]);
        Assert.Equal(3, lists[customers[1].Id].Count);
    }

    [Fact]
    public async Task DemoOutcomeSimulator_SimulatesNothingForMember_ErasedAfterLaunch()
    {
        var options = DemoTestShop.Options() with { Customers = 60, Products = 40, Days = 30 };
        await DemoTestShop.SeedAsync(_db, options);
        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();
        await TestServing.PromoteChampionAsync(_db, new RepeatRecommender());
        var campaignId = await LaunchAsync(TimeProvider.System);
        await using var db = _db.CreateDbContext();
        var members = await db.PromoListEntries.Where(e => e.CampaignId == campaignId).Select(e => e.CustomerId).OrderBy(id => id).ToListAsync();
        var erased = members[0];
        await _eraser.EraseAsync(erased, "crm", CancellationToken.None);
        var launchedAt = (await db.Campaigns.SingleAsync(c => c.Id == campaignId)).LaunchedAt!.Value;

        var result = await new DemoOutcomeSimulator(_db, new ConversionAttributor(_db)).SimulateAsync(campaignId, options.Seed);

        Assert.Equal(members.Count - 1, result.Simulated);
        Assert.True(result.Orders > 0);
        Assert.Equal([ExposureKind.Sent], await db.Exposures.Where(e => e.CustomerId == erased).Select(e => e.Kind).ToListAsync());
        Assert.False(await db.Orders.AnyAsync(o => o.CustomerId == erased && o.PlacedAt >= launchedAt));
        Assert.False(await db.Events.AnyAsync(e => e.CustomerId == erased && e.OccurredAt >= launchedAt));
    }

    private async Task<int> LaunchAsync(TimeProvider launchClock)
    {
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "No erased members", Audience = new() { RequireConsent = false }, ProductCount = 2 });
        await _campaigns.LaunchAsync(campaign.Id);
        await new CampaignLaunchJob(_db, TestServing.Create(_db, TimeProvider.System), launchClock, NullLogger<CampaignLaunchJob>.Instance)
            .RunAsync(campaign.Id, CancellationToken.None);
        return campaign.Id;
    }

    private async Task AssertNotContactedAsync(int campaignId, int customerId, int expectedMembers)
    {
        await using var db = _db.CreateDbContext();
        Assert.Equal(CampaignStatus.Running, (await db.Campaigns.SingleAsync(c => c.Id == campaignId)).Status);
        Assert.Equal(expectedMembers, await db.PromoListEntries.CountAsync(e => e.CampaignId == campaignId));
        Assert.False(await db.PromoListEntries.AnyAsync(e => e.CustomerId == customerId));
        Assert.False(await db.Exposures.AnyAsync(e => e.CustomerId == customerId));
    }

    /// <summary>Twenty buyers from 40 days ago (half books, half garden) and recent anonymous demand for a popularity model.</summary>
    private async Task<List<Customer>> SeedShopAsync()
    {
        var books = Enumerable.Range(1, 3).Select(i => TestShop.Product($"B{i}", "Books", 10m + i)).ToList();
        var garden = Enumerable.Range(1, 3).Select(i => TestShop.Product($"G{i}", "Garden", 20m + i)).ToList();
        var customers = Enumerable.Range(1, 20).Select(i => TestShop.Customer($"shopper{i}")).ToList();
        var orders = customers.Select((c, i) => TestShop.Purchase($"o{i}", c, TestShop.Today.AddDays(-40), ((i < 10 ? books : garden)[i % 3], 1))).ToList();
        orders.AddRange(books.Concat(garden).SelectMany((p, i) => Enumerable.Range(1, 6 - i)
            .Select(k => TestShop.Purchase($"anon-{p.Sku}-{k}", null, TestShop.Today.AddDays(-k), (p, 1)))));
        await TestShop.SaveAsync(_db, [.. orders]);
        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();
        await TestServing.PromoteChampionAsync(_db, new RepeatRecommender());
        return customers;
    }

    /// <summary>
    /// Erases a customer the first time the time is read. The launch job reads it once, after it resolved the audience
    /// and computed the offers and before it writes the promo list: the window in which an erasure used to slip through.
    /// </summary>
    private sealed class ErasingClock(Func<Task> erase) : TimeProvider
    {
        private bool _erased;

        public override DateTimeOffset GetUtcNow()
        {
            if (!_erased)
            {
                _erased = true;
                Task.Run(erase).GetAwaiter().GetResult();
            }

            return base.GetUtcNow();
        }
    }
}
