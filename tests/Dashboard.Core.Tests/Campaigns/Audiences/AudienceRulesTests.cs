using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using static Dashboard.Core.Campaigns.Audiences.AudienceCondition;

namespace Dashboard.Core.Tests.Campaigns.Audiences;

public class AudienceRulesTests
{
    private static readonly AudienceRules Rich = new()
    {
        RequireConsent = false,
        FrequencyCap = new FrequencyCap(2, 7),
        Include = new RuleGroup
        {
            Conditions =
            [
                In(AudienceField.Segment, "Champions", "Loyal"),
                Between(AudienceField.ChurnRisk, 0.3, 0.6),
            ],
            Groups =
            [
                new RuleGroup
                {
                    Combinator = RuleCombinator.Any,
                    Conditions = [In(AudienceField.CategoryAffinity, "Books") with { Min = 0.25 }, NotIn(AudienceField.Country, "DE", "FR"), Between(AudienceField.PropensityPercentile, 80, null)],
                },
            ],
        },
    };

    [Fact]
    public void FromJson_ReadsTheFirstFormat()
    {
        var rules = AudienceRules.FromJson("""{"segments":["Champions"],"countries":["DE"],"requireConsent":false}""");

        Assert.Equal(AudienceRules.AllOf(In(AudienceField.Segment, "Champions"), In(AudienceField.Country, "DE")) with { RequireConsent = false }, rules);
        Assert.Null(rules.FrequencyCap);
    }

    [Fact]
    public void FromJson_ReadsTheFirstFormat_WithEmptyListsAndConsentByDefault()
    {
        var rules = AudienceRules.FromJson("""{"segments":[],"countries":[]}""");

        Assert.True(rules.Include.IsEmpty);
        Assert.True(rules.RequireConsent);
    }

    [Fact]
    public void Json_RoundTripsTheWholeTree()
    {
        var json = Rich.ToJson();

        var read = AudienceRules.FromJson(json);

        Assert.Equal(Rich, read);
        Assert.Equal(json, read.ToJson());
        Assert.Contains("\"field\":\"CategoryAffinity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"combinator\":\"Any\"", json, StringComparison.Ordinal);
        Assert.Contains("\"frequencyCap\":{\"maxContacts\":2,\"days\":7}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_ComparesTheListsByValue()
    {
        var copy = Rich with { Include = Rich.Include with { Conditions = [.. Rich.Include.Conditions] } };

        Assert.Equal(Rich, copy);
        Assert.Equal(Rich.GetHashCode(), copy.GetHashCode());
        Assert.NotEqual(Rich, Rich with { Include = Rich.Include with { Combinator = RuleCombinator.Any } });
        Assert.NotEqual(In(AudienceField.Segment, "Champions"), In(AudienceField.Segment, "Loyal"));
    }

    [Fact]
    public void Describe_PutsTheRulesInWords()
    {
        Assert.Equal(
            "All of: RFM segment is Champions or Loyal · churn risk 30–60 % · (Any of: category affinity Books (share ≥ 25 %) · country is not DE or FR · propensity percentile ≥ 80); "
            + "excluding customers contacted 2× or more in the last 7 days",
            Rich.Describe());
    }

    [Fact]
    public void Describe_NamesTheChannelsConsent_AndEveryoneForNoConditions()
    {
        Assert.Equal("Everyone; only customers who consented to e-mail", new AudienceRules().Describe(CampaignChannel.Email));
        Assert.Equal("Everyone", new AudienceRules().Describe(CampaignChannel.OnSiteBanner));
        Assert.Equal("Everyone", new AudienceRules { RequireConsent = false }.Describe());
    }

    [Theory]
    [InlineData(AudienceField.ChurnBand, RuleOperator.In, new[] { "High", "NotScored" }, null, null, "churn band is High (≥ 60%) or Not scored")]
    [InlineData(AudienceField.Cluster, RuleOperator.NotIn, new[] { "2" }, null, null, "cluster is not 2")]
    [InlineData(AudienceField.Consent, RuleOperator.In, new[] { "Email", "Push" }, null, null, "consented to Email and Push")]
    [InlineData(AudienceField.Consent, RuleOperator.NotIn, new[] { "Ads" }, null, null, "not consented to Ads")]
    [InlineData(AudienceField.CategoryAffinity, RuleOperator.NotIn, new[] { "Books", "Garden", "Toys" }, null, null, "no category affinity Books, Garden or Toys")]
    [InlineData(AudienceField.ExpectedValue, RuleOperator.Between, new string[0], 50.0, 200.5, "expected 90-day value 50–200.5")]
    [InlineData(AudienceField.DaysSinceLastPurchase, RuleOperator.Between, new string[0], null, 30.0, "days since last purchase ≤ 30")]
    [InlineData(AudienceField.ChurnRisk, RuleOperator.Between, new string[0], 0.6, null, "churn risk ≥ 60 %")]
    public void Describe_EachCondition(AudienceField field, RuleOperator op, string[] values, double? min, double? max, string expected)
    {
        var condition = new AudienceCondition { Field = field, Operator = op, Values = values, Min = min, Max = max };

        Assert.Equal(expected, AudienceDescription.Condition(condition));
    }

    [Fact]
    public void Validate_AcceptsAValidTree()
    {
        Rich.Validate();
        new AudienceRules().Validate();
    }
}
