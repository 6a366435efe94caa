using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Customers;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Campaigns.Audiences;

/// <summary>
/// Percentiles among scored customers, with ties, computed by hand. Ten scored customers P1..P10 and one unscored:
/// <code>
/// customer    P1   P2   P3   P4   P5   P6   P7   P8   P9   P10
/// propensity  0.1  0.2  0.2  0.3  0.4  0.5  0.5  0.5  0.8  0.9
/// lower       0    1    1    3    4    5    5    5    8    9      (scored customers with a lower propensity)
/// percentile  0    10   10   30   40   50   50   50   80   90     (100 × lower / 10)
/// </code>
/// </summary>
public sealed class PropensityPercentileTests : IAsyncLifetime, IDisposable
{
    private static readonly double[] Propensities = [0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.8, 0.9];

    private readonly SqliteTestDatabase _db = new();
    private readonly Dictionary<int, string> _names = [];

    public async Task InitializeAsync()
    {
        // Inserted out of order, so that nothing depends on the ids following the propensities.
        foreach (var i in new[] { 6, 1, 9, 3, 10, 5, 2, 8, 4, 7 })
        {
            await AddAsync($"P{i}", Propensities[i - 1]);
        }

        await AddAsync("U", null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Theory]
    // "Top 20 %": percentile ≥ 80.
    [InlineData(80.0, null, new[] { 9, 10 })]
    [InlineData(90.0, null, new[] { 10 })]
    [InlineData(95.0, null, new int[0])]
    // Ties are never split: 50 takes all three 0.5s, 55 none of them.
    [InlineData(50.0, null, new[] { 6, 7, 8, 9, 10 })]
    [InlineData(55.0, null, new[] { 9, 10 })]
    [InlineData(70.0, null, new[] { 9, 10 })]
    [InlineData(null, 10.0, new[] { 1, 2, 3 })]
    [InlineData(null, 9.0, new[] { 1 })]
    [InlineData(10.0, 40.0, new[] { 2, 3, 4, 5 })]
    [InlineData(40.0, 50.0, new[] { 5, 6, 7, 8 })]
    // The whole range is every scored customer, never the unscored one.
    [InlineData(0.0, null, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData(null, 100.0, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    [InlineData(0.0, 100.0, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 })]
    public async Task Between_SelectsThePercentileRange(double? min, double? max, int[] expected)
    {
        var matches = await MatchAsync(AudienceRules.AllOf(AudienceCondition.Between(AudienceField.PropensityPercentile, min, max)));

        Assert.Equal([.. expected.Select(i => $"P{i}").Order(StringComparer.Ordinal)], matches);
    }

    [Fact]
    public async Task SeveralPercentileRules_ResolveTogether()
    {
        var rules = new AudienceRules
        {
            Include = new RuleGroup
            {
                Combinator = RuleCombinator.Any,
                Conditions =
                [
                    AudienceCondition.Between(AudienceField.PropensityPercentile, 90, null),
                    AudienceCondition.Between(AudienceField.PropensityPercentile, null, 0),
                    AudienceCondition.Between(AudienceField.PropensityPercentile, 30, 30),
                ],
            },
        };

        Assert.Equal(["P1", "P10", "P4"], await MatchAsync(rules));
    }

    [Fact]
    public async Task NoScoredCustomers_NobodyMatches()
    {
        await using (var db = _db.CreateDbContext())
        {
            await db.Profiles.ExecuteUpdateAsync(s => s.SetProperty(p => p.PurchasePropensity, (double?)null));
        }

        Assert.Empty(await MatchAsync(AudienceRules.AllOf(AudienceCondition.Between(AudienceField.PropensityPercentile, 0, 100))));
        Assert.Empty(await MatchAsync(AudienceRules.AllOf(AudienceCondition.Between(AudienceField.PropensityPercentile, 80, null))));
    }

    private async Task<string[]> MatchAsync(AudienceRules rules)
    {
        await using var db = _db.CreateDbContext();
        var ids = await AudienceQuery.CustomerIdsAsync(db, rules with { RequireConsent = false }, CampaignChannel.Email, TestShop.Today);
        return [.. (await ids.ToListAsync()).Select(id => _names[id]).Order(StringComparer.Ordinal)];
    }

    private async Task AddAsync(string name, double? propensity)
    {
        var customer = new Customer { ExternalId = name, Country = "DE", CreatedAt = TestShop.Today };
        await TestShop.SaveAsync(_db, customer);
        _names[customer.Id] = name;
        await TestShop.SaveAsync(_db, new CustomerProfile
        {
            CustomerId = customer.Id,
            Segment = "Loyal",
            PurchasePropensity = propensity,
            ReferenceDate = TestShop.Today,
            ComputedAt = TestShop.Today,
        });
    }
}
