using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Demo;
using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Experiments.Reports;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Demo;

/// <summary>The thin slice end to end on a demo shop: profiles, popularity, launch, simulated outcomes, report.</summary>
public sealed class DemoOutcomeSimulatorTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly InMemoryStorage _storage = new();

    public void Dispose()
    {
        _storage.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task PersonalizedOffers_MatchHiddenTastesBetterThanBestSellers_AndSimulationIsAttributed()
    {
        var options = DemoTestShop.Options();
        await DemoTestShop.SeedAsync(_db, options);
        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();
        await TestServing.PromoteChampionAsync(_db, new ItemKnnRecommender());
        var campaigns = new CampaignService(_db, new CampaignReadiness(_db, TimeProvider.System), new BackgroundJobClient(_storage), TimeProvider.System);
        var campaign = await campaigns.CreateAsync(new CampaignDraft { Name = "Taste test", Audience = new() { RequireConsent = false }, ProductCount = 5 });
        await campaigns.LaunchAsync(campaign.Id);
        await new CampaignLaunchJob(_db, TestServing.Create(_db, TimeProvider.System), TimeProvider.System, NullLogger<CampaignLaunchJob>.Instance)
            .RunAsync(campaign.Id, CancellationToken.None);

        // The recommender never sees the hidden tastes; its personalized lists must still hit them more often
        // (seed 7: 0.46 vs 0.29; customers without purchases get best-sellers in both arms, which narrows the gap).
        var relevance = await MeanRelevanceByStrategyAsync(options.Seed, campaign.Id);
        Assert.True(relevance[OfferStrategy.Personalized] > relevance[OfferStrategy.BestSellers] + 0.1,
            $"personalized {relevance[OfferStrategy.Personalized]:0.00} vs best-sellers {relevance[OfferStrategy.BestSellers]:0.00}");

        var simulator = new DemoOutcomeSimulator(_db, new ConversionAttributor(_db));
        var result = await simulator.SimulateAsync(campaign.Id, options.Seed);

        await using var db = _db.CreateDbContext();
        Assert.Equal(CampaignStatus.Completed, (await db.Campaigns.SingleAsync()).Status);
        Assert.True(result.Orders > 0);
        Assert.Equal(result.Conversions, await db.Conversions.CountAsync());
        var analysis = await new CampaignAnalysis(_db, new ExperimentAggregates(_db, TimeProvider.System), TimeProvider.System).GetAsync(campaign.Id);
        Assert.Equal(result.Members, analysis!.Conversion.Variants.Sum(v => v.N));
        Assert.Equal(result.Members, analysis.Revenue.Variants.Sum(v => v.N));
        await Assert.ThrowsAsync<CampaignRuleException>(() => simulator.SimulateAsync(campaign.Id, options.Seed));
    }

    private async Task<Dictionary<OfferStrategy, double>> MeanRelevanceByStrategyAsync(int seed, int campaignId)
    {
        await using var db = _db.CreateDbContext();
        var rows = await db.PromoListEntries.Where(e => e.CampaignId == campaignId)
            .Select(e => new
            {
                Strategy = db.CampaignVariants.Where(v => v.Id == e.VariantId).Select(v => v.Strategy).Single(),
                ExternalId = db.Customers.Where(c => c.Id == e.CustomerId).Select(c => c.ExternalId).Single(),
                Categories = e.Items.Select(i => db.Products.Where(p => p.Id == i.ProductId).Select(p => p.Category).Single()).ToList(),
            })
            .ToListAsync();
        return rows.GroupBy(r => r.Strategy).ToDictionary(g => g.Key, g => g.Average(r =>
        {
            Assert.True(DemoShopper.TryParseCustomerIndex(r.ExternalId, out var index));
            var shopper = DemoShopper.For(seed, index);
            return r.Categories.Count == 0 ? 0 : r.Categories.Max(shopper.WeightOf);
        }));
    }
}
