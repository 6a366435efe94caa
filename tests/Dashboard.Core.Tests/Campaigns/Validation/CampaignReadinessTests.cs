using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Campaigns.Validation;

/// <summary>The checks launch relies on, against a real SQLite file: audience, budget, overlapping campaigns, eligible products.</summary>
public sealed class CampaignReadinessTests : IDisposable
{
    private static readonly DateTime Now = TestShop.Today.AddHours(9);
    private readonly SqliteTestDatabase _db = new();
    private readonly CampaignReadiness _readiness;

    public CampaignReadinessTests() => _readiness = new CampaignReadiness(_db, new FixedTimeProvider(new DateTimeOffset(Now)));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ReadyPlan_HasNoProblems()
    {
        await SeedCustomersAsync(10);

        Assert.Empty(await _readiness.CheckAsync(Plan()));
    }

    [Fact]
    public async Task EmptyAudience_IsTheOnlyProblemReported()
    {
        await SeedCustomersAsync(10);

        var problems = await _readiness.CheckAsync(Plan(AudienceRules.AllOf(AudienceCondition.In(AudienceField.Country, "Atlantis"))));

        Assert.Equal("The audience is empty: widen the rules, or run the pipeline to build profiles.", Assert.Single(problems).Message);
    }

    [Fact]
    public async Task Budget_MustCoverTheContactedMembers_NotTheHoldout()
    {
        await SeedCustomersAsync(100);

        // 100 members, 20 % held out: 80 contacts at 0.50 = 40.00.
        Assert.Empty(await _readiness.CheckAsync(Plan() with { HoldoutShare = 0.2, Budget = 40m, CostPerContact = 0.5m }));
        var problem = Assert.Single(await _readiness.CheckAsync(Plan() with { HoldoutShare = 0.2, Budget = 39.99m, CostPerContact = 0.5m }));

        Assert.Equal(nameof(CampaignDraft.Budget), problem.Field);
        Assert.Equal("Contacting 80 members at 0.50 costs 40.00, more than the budget of 39.99 (enough for 79). Raise the budget or narrow the audience.", problem.Message);
    }

    [Fact]
    public async Task RunningCampaignWithTheSameCustomers_IsAnOverlap_UntilItEndsBeforeThisStarts()
    {
        var customers = await SeedCustomersAsync(10);
        var running = await SeedRunningCampaignAsync("Summer sale", customers.Take(4), endsAt: Now.AddDays(7));

        var problem = Assert.Single(await _readiness.CheckAsync(Plan()));
        Assert.Equal("4 of these customers are in the running campaign \"Summer sale\" in the same period: exclude them with a frequency cap, narrow the audience, or schedule after it ends.", problem.Message);

        Assert.Empty(await _readiness.CheckAsync(Plan() with { StartsAt = Now.AddDays(8) }));
        Assert.Empty(await _readiness.CheckAsync(Plan() with { CampaignId = running }));
    }

    [Fact]
    public async Task FrequencyCap_ResolvesTheOverlap_BecauseLaunchRecordedTheContacts()
    {
        var customers = await SeedCustomersAsync(10);
        await SeedRunningCampaignAsync("Summer sale", customers.Take(4), endsAt: null);

        var capped = new AudienceRules { FrequencyCap = new FrequencyCap(MaxContacts: 1, Days: 14) };

        Assert.Empty(await _readiness.CheckAsync(Plan(capped)));
    }

    [Fact]
    public async Task ScheduledCampaign_OverlapsThroughItsRules()
    {
        await SeedCustomersAsync(10);
        await TestShop.SaveAsync(_db, new Campaign
        {
            Name = "Queued",
            Status = CampaignStatus.Scheduled,
            CreatedAt = Now,
            Audience = new Audience { Name = "Everyone", RulesJson = new AudienceRules().ToJson(), CreatedAt = Now },
        });

        var problem = Assert.Single(await _readiness.CheckAsync(Plan()));

        Assert.StartsWith("10 of these customers are in the scheduled campaign \"Queued\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EligibleProducts_MustExist()
    {
        await SeedCustomersAsync(3);
        await TestShop.SaveAsync(_db, TestShop.Product("B1", "Books"));
        var offer = new CampaignOffer { EligibleSkus = ["B1", "NOPE"], EligibleCategories = ["Books", "Garden"] };

        var problems = await _readiness.CheckAsync(Plan() with { Offer = offer });

        Assert.Equal(
            ["Offer.EligibleSkus: No product has the SKU NOPE.", "Offer.EligibleCategories: No product is in the category Garden."],
            problems.Select(p => $"{p.Field}: {p.Message}"));
    }

    private static CampaignPlan Plan(AudienceRules? rules = null) =>
        new(null, rules ?? new AudienceRules(), CampaignChannel.Email, 0, null, null, null, 0, new CampaignOffer());

    private async Task<List<Customer>> SeedCustomersAsync(int count)
    {
        var customers = Enumerable.Range(1, count).Select(i => TestShop.Customer($"C-{i}")).ToList();
        await TestShop.SaveAsync(_db, [.. customers]);
        return customers;
    }

    /// <summary>A running campaign as its launch leaves it: promo-list entries and a "sent" exposure per member.</summary>
    private async Task<int> SeedRunningCampaignAsync(string name, IEnumerable<Customer> members, DateTime? endsAt)
    {
        var variant = new CampaignVariant { Name = "Control", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 1 };
        var campaign = new Campaign { Name = name, Status = CampaignStatus.Running, CreatedAt = Now.AddDays(-2), LaunchedAt = Now.AddDays(-1), EndsAt = endsAt, Variants = [variant] };
        await TestShop.SaveAsync(_db, campaign);
        await using var db = _db.CreateDbContext();
        foreach (var member in members)
        {
            db.PromoListEntries.Add(new PromoListEntry { CampaignId = campaign.Id, VariantId = variant.Id, CustomerId = member.Id, Country = member.Country, CreatedAt = Now.AddDays(-1) });
            db.Exposures.Add(new Exposure { CampaignId = campaign.Id, VariantId = variant.Id, CustomerId = member.Id, Kind = ExposureKind.Sent, OccurredAt = Now.AddDays(-1) });
        }

        await db.SaveChangesAsync();
        return campaign.Id;
    }
}
