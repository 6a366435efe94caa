using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Experiments;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using static Dashboard.Core.Campaigns.Audiences.AudienceCondition;

namespace Dashboard.Core.Tests.Campaigns.Audiences;

/// <summary>Each field and operator of the audience rules, evaluated in SQL on a real SQLite file (see <see cref="AudienceShop"/>).</summary>
public sealed class AudienceQueryTests : IAsyncLifetime, IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private AudienceShop _shop = null!;

    public async Task InitializeAsync() => _shop = await AudienceShop.CreateAsync(_db);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task EmptyRules_SelectEveryoneButTheErased()
    {
        Assert.Equal(["A", "B", "C", "D", "E", "F"], await _shop.MatchAsync(new AudienceRules { RequireConsent = false }));
    }

    [Fact]
    public async Task Segment_InAndNotIn_CustomersWithoutProfileMatchNotIn()
    {
        Assert.Equal(["A", "D"], await _shop.MatchAsync(In(AudienceField.Segment, "Champions")));
        Assert.Equal(["A", "B", "D"], await _shop.MatchAsync(In(AudienceField.Segment, "Champions", "Loyal")));
        Assert.Equal(["B", "C", "E", "F"], await _shop.MatchAsync(NotIn(AudienceField.Segment, "Champions")));
    }

    [Fact]
    public async Task Cluster_InAndNotIn_CustomersWithoutClusterMatchNotIn()
    {
        Assert.Equal(["B", "C"], await _shop.MatchAsync(In(AudienceField.Cluster, "2")));
        Assert.Equal(["A", "B", "C"], await _shop.MatchAsync(In(AudienceField.Cluster, "1", "2")));
        Assert.Equal(["A", "D", "E", "F"], await _shop.MatchAsync(NotIn(AudienceField.Cluster, "2")));
    }

    [Fact]
    public async Task Country_InAndNotIn()
    {
        Assert.Equal(["A", "B", "F"], await _shop.MatchAsync(In(AudienceField.Country, "DE")));
        Assert.Equal(["C", "D", "E"], await _shop.MatchAsync(NotIn(AudienceField.Country, "DE")));
    }

    [Theory]
    [InlineData(ChurnBand.Low, new[] { "A" })]
    [InlineData(ChurnBand.Medium, new[] { "B" })]
    // 0.60 belongs to High: each boundary belongs to the band above it.
    [InlineData(ChurnBand.High, new[] { "C", "D" })]
    // No churn score: F is scored for nothing, E has no profile at all (as the customer list counts them).
    [InlineData(ChurnBand.NotScored, new[] { "E", "F" })]
    public async Task ChurnBand_In_FollowsChurnBands(ChurnBand band, string[] expected)
    {
        Assert.Equal(expected, await _shop.MatchAsync(In(AudienceField.ChurnBand, band.ToString())));
    }

    [Fact]
    public async Task ChurnBand_SeveralAndNotIn()
    {
        Assert.Equal(["C", "D", "E", "F"], await _shop.MatchAsync(In(AudienceField.ChurnBand, "High", "NotScored")));
        Assert.Equal(["A", "B", "C", "D"], await _shop.MatchAsync(NotIn(AudienceField.ChurnBand, "NotScored")));
        Assert.Equal(["A", "B", "E", "F"], await _shop.MatchAsync(NotIn(AudienceField.ChurnBand, "high")));
    }

    [Theory]
    [InlineData(0.3, 0.6, new[] { "B", "D" })]
    [InlineData(null, 0.3, new[] { "A" })]
    [InlineData(0.6, null, new[] { "C", "D" })]
    [InlineData(0.0, 1.0, new[] { "A", "B", "C", "D" })]
    public async Task ChurnRisk_Between_BoundsInclusive_UnscoredNeverMatch(double? min, double? max, string[] expected)
    {
        Assert.Equal(expected, await _shop.MatchAsync(Between(AudienceField.ChurnRisk, min, max)));
    }

    [Theory]
    [InlineData(100.0, null, new[] { "A", "B" })]
    [InlineData(null, 20.0, new[] { "C", "F" })]
    [InlineData(20.0, 120.0, new[] { "B", "C" })]
    public async Task ExpectedValue_Between(double? min, double? max, string[] expected)
    {
        Assert.Equal(expected, await _shop.MatchAsync(Between(AudienceField.ExpectedValue, min, max)));
    }

    [Theory]
    // B bought 30 days and 6 hours ago: 30 whole days.
    [InlineData(null, 30.0, new[] { "A", "B" })]
    [InlineData(31.0, null, new[] { "C", "D" })]
    [InlineData(30.0, 31.0, new[] { "B", "D" })]
    [InlineData(0.0, 4.0, new string[0])]
    [InlineData(5.0, 5.0, new[] { "A" })]
    public async Task DaysSinceLastPurchase_CountsWholeDaysToNow_NeverBuyersNeverMatch(double? min, double? max, string[] expected)
    {
        Assert.Equal(expected, await _shop.MatchAsync(Between(AudienceField.DaysSinceLastPurchase, min, max)));
    }

    [Fact]
    public async Task DaysSinceLastPurchase_IsMeasuredFromTheGivenNow()
    {
        var rules = AudienceRules.AllOf(Between(AudienceField.DaysSinceLastPurchase, null, 30)) with { RequireConsent = false };

        Assert.Equal(["A"], await _shop.MatchAsync(rules, now: AudienceShop.Now.AddDays(1)));
        Assert.Equal(["A", "B", "D"], await _shop.MatchAsync(rules, now: AudienceShop.Now.AddDays(-1)));
    }

    [Fact]
    public async Task CategoryAffinity_WithAndWithoutMinimumShare()
    {
        Assert.Equal(["A", "C"], await _shop.MatchAsync(In(AudienceField.CategoryAffinity, "Books")));
        Assert.Equal(["A"], await _shop.MatchAsync(In(AudienceField.CategoryAffinity, "Books") with { Min = 0.5 }));
        Assert.Equal(["A", "B"], await _shop.MatchAsync(In(AudienceField.CategoryAffinity, "Books", "Garden") with { Min = 0.5 }));
        // The share is inclusive: A's Books share is exactly 0.6.
        Assert.Equal(["A"], await _shop.MatchAsync(In(AudienceField.CategoryAffinity, "Books") with { Min = 0.6 }));
        Assert.Equal(["B", "D", "E", "F"], await _shop.MatchAsync(NotIn(AudienceField.CategoryAffinity, "Books")));
        Assert.Equal(["B", "C", "D", "E", "F"], await _shop.MatchAsync(NotIn(AudienceField.CategoryAffinity, "Books") with { Min = 0.5 }));
        Assert.Empty(await _shop.MatchAsync(In(AudienceField.CategoryAffinity, "Toys")));
    }

    [Fact]
    public async Task Consent_InNeedsEveryChannel_NotInNone()
    {
        Assert.Equal(["A", "B", "D", "E", "F"], await _shop.MatchAsync(In(AudienceField.Consent, "Email")));
        Assert.Equal(["A", "D"], await _shop.MatchAsync(In(AudienceField.Consent, "Email", "Push")));
        Assert.Equal(["C"], await _shop.MatchAsync(NotIn(AudienceField.Consent, "Email")));
        Assert.Equal(["B", "E", "F"], await _shop.MatchAsync(NotIn(AudienceField.Consent, "Push", "Ads")));
    }

    [Fact]
    public async Task Groups_AllIsAnd_AnyIsOr()
    {
        var conditions = new RuleGroup { Conditions = [In(AudienceField.Segment, "Champions"), In(AudienceField.Country, "DE")] };

        Assert.Equal(["A"], await _shop.MatchAsync(new AudienceRules { Include = conditions, RequireConsent = false }));
        Assert.Equal(["A", "B", "D", "F"], await _shop.MatchAsync(new AudienceRules { Include = conditions with { Combinator = RuleCombinator.Any }, RequireConsent = false }));
    }

    [Fact]
    public async Task NestedGroup_IsOneTermOfItsParent()
    {
        // Germans who are Champions or of medium churn risk: A (Champions) and B (Medium); D is a Champion in France.
        var rules = new AudienceRules
        {
            RequireConsent = false,
            Include = new RuleGroup
            {
                Conditions = [In(AudienceField.Country, "DE")],
                Groups = [new RuleGroup { Combinator = RuleCombinator.Any, Conditions = [In(AudienceField.Segment, "Champions"), In(AudienceField.ChurnBand, "Medium")] }],
            },
        };

        Assert.Equal(["A", "B"], await _shop.MatchAsync(rules));
        Assert.Equal(["A", "B", "D", "F"], await _shop.MatchAsync(rules with { Include = rules.Include with { Combinator = RuleCombinator.Any } }));
    }

    [Fact]
    public async Task EmptyNestedGroup_IsIgnored()
    {
        var rules = new AudienceRules
        {
            RequireConsent = false,
            Include = new RuleGroup { Combinator = RuleCombinator.Any, Conditions = [In(AudienceField.Country, "FR")], Groups = [new RuleGroup()] },
        };

        Assert.Equal(["C", "D"], await _shop.MatchAsync(rules));
    }

    [Theory]
    [InlineData(CampaignChannel.Email, new[] { "A", "B", "D", "E", "F" })]
    [InlineData(CampaignChannel.Push, new[] { "A", "D" })]
    [InlineData(CampaignChannel.PaidSocial, new[] { "C", "D" })]
    [InlineData(CampaignChannel.OnSiteBanner, new[] { "A", "B", "C", "D", "E", "F" })]
    public async Task RequireConsent_KeepsTheChannelsOptIns(CampaignChannel channel, string[] expected)
    {
        Assert.Equal(expected, await _shop.MatchAsync(new AudienceRules { RequireConsent = true }, channel));
        Assert.Equal(["A", "B", "C", "D", "E", "F"], await _shop.MatchAsync(new AudienceRules { RequireConsent = false }, channel));
    }

    [Fact]
    public async Task ErasedCustomer_MatchesNoRule()
    {
        // X is a German Champion in cluster 1 with every consent and the highest scores, but erased.
        Assert.Equal(["A", "D"], await _shop.MatchAsync(In(AudienceField.Segment, "Champions")));
        Assert.DoesNotContain("X", await _shop.MatchAsync(NotIn(AudienceField.Country, "FR")));
        Assert.DoesNotContain("X", await _shop.MatchAsync(new AudienceRules { RequireConsent = true }, CampaignChannel.PaidSocial));
    }

    [Fact]
    public async Task FrequencyCap_CountsSendsFromAnyCampaignInTheWindow()
    {
        var spring = await _shop.CampaignAsync("Spring");
        var summer = await _shop.CampaignAsync("Summer");
        var now = AudienceShop.Now;
        // A: two sends in the last week, from two campaigns.
        await _shop.ExposeAsync(spring, "A", ExposureKind.Sent, now.AddDays(-6));
        await _shop.ExposeAsync(summer, "A", ExposureKind.Sent, now.AddDays(-1));
        // B: one send and opens and clicks, which are no contacts of their own.
        await _shop.ExposeAsync(summer, "B", ExposureKind.Sent, now.AddDays(-2));
        await _shop.ExposeAsync(summer, "B", ExposureKind.Opened, now.AddDays(-2));
        await _shop.ExposeAsync(summer, "B", ExposureKind.Clicked, now.AddDays(-1));
        // C: one send in the week and one 10 days ago.
        await _shop.ExposeAsync(spring, "C", ExposureKind.Sent, now.AddDays(-10));
        await _shop.ExposeAsync(summer, "C", ExposureKind.Sent, now.AddDays(-3));

        async Task<string[]> Capped(int contacts, int days) =>
            await _shop.MatchAsync(new AudienceRules { RequireConsent = false, FrequencyCap = new FrequencyCap(contacts, days) });

        Assert.Equal(["B", "C", "D", "E", "F"], await Capped(2, 7));
        Assert.Equal(["D", "E", "F"], await Capped(1, 7));
        Assert.Equal(["B", "D", "E", "F"], await Capped(2, 30));
        Assert.Equal(["A", "B", "C", "D", "E", "F"], await Capped(3, 30));
    }

    [Fact]
    public async Task FrequencyCap_CombinesWithConditionsAndConsent()
    {
        var spring = await _shop.CampaignAsync("Spring");
        await _shop.ExposeAsync(spring, "A", ExposureKind.Sent, AudienceShop.Now.AddDays(-1));
        var rules = AudienceRules.AllOf(In(AudienceField.Segment, "Champions")) with { FrequencyCap = new FrequencyCap(1, 7) };

        Assert.Equal(["D"], await _shop.MatchAsync(rules, CampaignChannel.Push));
    }

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task InvalidRules_ThrowAClearMessage(AudienceRules rules, string message)
    {
        var error = await Assert.ThrowsAsync<AudienceRuleException>(() => _shop.MatchAsync(rules));

        Assert.Equal(message, error.Message);
    }

    public static TheoryData<AudienceRules, string> InvalidRules() => new()
    {
        { AudienceRules.AllOf(In(AudienceField.Segment)), "The RFM segment rule needs at least one value." },
        { AudienceRules.AllOf(Between(AudienceField.ChurnRisk, null, null)), "The churn risk rule needs a lower or an upper bound." },
        { AudienceRules.AllOf(Between(AudienceField.ChurnRisk, 0.6, 0.3)), "The churn risk rule's lower bound (0.6) is above its upper bound (0.3)." },
        { AudienceRules.AllOf(Between(AudienceField.ChurnRisk, 30, 60)), "The churn risk rule's bounds must each be a probability between 0 and 1." },
        { AudienceRules.AllOf(Between(AudienceField.PropensityPercentile, 80, 120)), "The propensity percentile rule's bounds must each be a percentile between 0 and 100." },
        { AudienceRules.AllOf(Between(AudienceField.DaysSinceLastPurchase, -1, null)), "The days since last purchase rule's bounds must each be a number of days, 0 or more." },
        { AudienceRules.AllOf(In(AudienceField.ChurnRisk, "High")), "The churn risk rule takes a range, not a list of values." },
        { AudienceRules.AllOf(Between(AudienceField.Country, 1, 2)), "The country rule takes a list of values, not a range." },
        { AudienceRules.AllOf(In(AudienceField.Cluster, "two")), "\"two\" is not a cluster number." },
        { AudienceRules.AllOf(In(AudienceField.ChurnBand, "Severe")), "\"Severe\" is not a churn band; use one of NotScored, Low, Medium, High." },
        { AudienceRules.AllOf(In(AudienceField.ChurnBand, "2")), "\"2\" is not a churn band; use one of NotScored, Low, Medium, High." },
        { AudienceRules.AllOf(In(AudienceField.Consent, "Fax")), "\"Fax\" is not a consent; use one of Email, Push, Ads." },
        { AudienceRules.AllOf(In(AudienceField.Country, "DE", " ")), "The country rule has an empty value." },
        { AudienceRules.AllOf(In(AudienceField.CategoryAffinity, "Books") with { Min = 20 }), "The category affinity rule's minimum share must be a fraction between 0 and 1." },
        { AudienceRules.AllOf(new AudienceCondition { Values = ["x"] }), "A rule has no field: choose what it tests." },
        { new AudienceRules { FrequencyCap = new FrequencyCap(0, 7) }, "The frequency cap needs at least 1 contact." },
        { new AudienceRules { FrequencyCap = new FrequencyCap(2, 0) }, "The frequency cap's period must be between 1 and 3,650 days." },
        {
            new AudienceRules { Include = new RuleGroup { Groups = [new RuleGroup { Conditions = [Between(AudienceField.ExpectedValue, null, null)] }] } },
            "The expected 90-day value rule needs a lower or an upper bound."
        },
    };
}
