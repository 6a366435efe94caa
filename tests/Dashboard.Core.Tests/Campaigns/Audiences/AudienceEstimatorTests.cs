using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Tests.Infrastructure;
using static Dashboard.Core.Campaigns.Audiences.AudienceCondition;

namespace Dashboard.Core.Tests.Campaigns.Audiences;

public sealed class AudienceEstimatorTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private AudienceEstimator _estimator = null!;

    public async Task InitializeAsync()
    {
        await AudienceShop.CreateAsync(_db);
        _estimator = new AudienceEstimator(_db, new FixedTimeProvider(AudienceShop.Now));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Estimate_SumsTheMembersExpectedValue_AndCountsTheUnscored()
    {
        // A 300 + B 120 + F 5; D has a profile without a value, E no profile.
        var estimate = await _estimator.EstimateAsync(AudienceRules.AllOf(NotIn(AudienceField.Country, "FR")), CampaignChannel.Email);

        Assert.Equal(4, estimate.Members);
        Assert.Equal(425, estimate.ExpectedRevenue90d, 6);
        Assert.Equal(1, estimate.MembersWithoutValue);
        Assert.Equal(4, estimate.Contacted);
        Assert.Equal(0m, estimate.ContactCost);
    }

    [Fact]
    public async Task Estimate_CostsTheContactedMembers_ThatTheHoldoutLeaves()
    {
        var everyone = new AudienceRules { RequireConsent = false };

        var estimate = await _estimator.EstimateAsync(everyone, CampaignChannel.OnSiteBanner, holdoutShare: 0.5, costPerContact: 0.25m);

        Assert.Equal(6, estimate.Members);
        Assert.Equal(445, estimate.ExpectedRevenue90d, 6);
        Assert.Equal(2, estimate.MembersWithoutValue);
        Assert.Equal(3, estimate.Contacted);
        Assert.Equal(0.75m, estimate.ContactCost);
    }

    [Fact]
    public async Task Estimate_IsEmpty_WhenNobodyMatches()
    {
        var estimate = await _estimator.EstimateAsync(AudienceRules.AllOf(In(AudienceField.Country, "Atlantis")), CampaignChannel.Email, 0.1, 1m);

        Assert.Equal(AudienceEstimate.Empty, estimate);
    }

    [Fact]
    public async Task Estimate_AppliesConsentAndPercentileRules_LikeTheLaunch()
    {
        var rules = AudienceRules.AllOf(Between(AudienceField.PropensityPercentile, 50, null));

        // Scored: F 0.1, C 0.2, B 0.5, A 0.9 and the erased X 0.9: percentile ≥ 50 (k = 3, above 0.5) is A and X; X is erased.
        var estimate = await _estimator.EstimateAsync(rules, CampaignChannel.Push);

        Assert.Equal(1, estimate.Members);
        Assert.Equal(300, estimate.ExpectedRevenue90d, 6);
        Assert.Equal(estimate.Members, await _estimator.CountAsync(rules, CampaignChannel.Push));
    }

    [Fact]
    public async Task Estimate_ThrowsTheRuleError_ForInvalidRules()
    {
        var error = await Assert.ThrowsAsync<AudienceRuleException>(() =>
            _estimator.EstimateAsync(AudienceRules.AllOf(In(AudienceField.Country)), CampaignChannel.Email));

        Assert.Equal("The country rule needs at least one value.", error.Message);
    }
}
