using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// Who a campaign targets: an AND/OR tree of conditions over profile fields, then exclusions. An empty tree means
/// everyone. Erased customers are always excluded; customers without consent for the campaign's channel are excluded
/// when <see cref="RequireConsent"/> is set; <see cref="FrequencyCap"/> leaves out customers contacted too often lately.
/// Stored as JSON, so richer rules need no schema change.
/// </summary>
public sealed record AudienceRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public RuleGroup Include { get; init; } = new();

    /// <summary>Opted-out customers are excluded (consent for the campaign's channel).</summary>
    public bool RequireConsent { get; init; } = true;

    public FrequencyCap? FrequencyCap { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Throws an <see cref="AudienceRuleException"/> naming the first rule that cannot be evaluated.</summary>
    public void Validate() => AudienceValidation.Check(this);

    /// <summary>The rules in words, e.g. "All of: RFM segment is Champions or Loyal · churn risk 30–60 %".</summary>
    public string Describe(CampaignChannel? channel = null) => AudienceDescription.Of(this, channel);

    public static AudienceRules FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("include", out _))
        {
            return FromFirstVersion(document.RootElement);
        }

        var rules = JsonSerializer.Deserialize<AudienceRules>(json, Json) ?? new AudienceRules();
        return rules.Include is null ? rules with { Include = new RuleGroup() } : rules;
    }

    /// <summary>The rules of a saved audience or a campaign's copy; none at all means everyone (as a campaign without rules targets).</summary>
    public static AudienceRules Of(Audience? audience) => audience is null ? new AudienceRules() : FromJson(audience.RulesJson);

    /// <summary>Rules where every condition must hold; a shorthand for code and tests.</summary>
    public static AudienceRules AllOf(params AudienceCondition[] conditions) =>
        new() { Include = new RuleGroup { Conditions = conditions } };

    /// <summary>The first rule format, {"segments":[...],"countries":[...],"requireConsent":bool}, still in older databases.</summary>
    private static AudienceRules FromFirstVersion(JsonElement root)
    {
        List<AudienceCondition> conditions = [];
        foreach (var (property, field) in new[] { ("segments", AudienceField.Segment), ("countries", AudienceField.Country) })
        {
            if (root.TryGetProperty(property, out var values) && values.GetArrayLength() > 0)
            {
                conditions.Add(AudienceCondition.In(field, [.. values.EnumerateArray().Select(v => v.GetString()!)]));
            }
        }

        var consent = !root.TryGetProperty("requireConsent", out var flag) || flag.GetBoolean();
        return new AudienceRules { Include = new RuleGroup { Conditions = conditions }, RequireConsent = consent };
    }
}

public enum RuleCombinator
{
    /// <summary>AND: every condition and sub-group holds.</summary>
    All = 0,

    /// <summary>OR: at least one condition or sub-group holds.</summary>
    Any = 1,
}

/// <summary>Conditions and nested groups joined by one combinator. An empty group matches everyone.</summary>
public sealed record RuleGroup
{
    public RuleCombinator Combinator { get; init; }
    public IReadOnlyList<AudienceCondition> Conditions { get; init; } = [];
    public IReadOnlyList<RuleGroup> Groups { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => Conditions.Count == 0 && Groups.All(g => g.IsEmpty);

    // Value equality over the lists too, so that an unchanged rule tree compares equal after an edit or a JSON round trip.
    public bool Equals(RuleGroup? other) =>
        other is not null && Combinator == other.Combinator && Conditions.SequenceEqual(other.Conditions) && Groups.SequenceEqual(other.Groups);

    public override int GetHashCode() => HashCode.Combine(Combinator, Conditions.Count, Groups.Count);
}

/// <summary>The profile fields a rule can test.</summary>
public enum AudienceField
{
    /// <summary>RFM segment name (values).</summary>
    Segment = 1,

    /// <summary>Behavioural cluster number (values).</summary>
    Cluster = 2,

    /// <summary>Churn band name from <c>ChurnBands</c> (values).</summary>
    ChurnBand = 3,

    /// <summary>Churn risk as a probability 0..1 (range).</summary>
    ChurnRisk = 4,

    /// <summary>Percentile 0..100 of purchase propensity among scored customers (range).</summary>
    PropensityPercentile = 5,

    /// <summary>Expected net revenue over the next 90 days (range).</summary>
    ExpectedValue = 6,

    /// <summary>Country code (values).</summary>
    Country = 7,

    /// <summary>Days since the last purchase (range); never-buyers do not match.</summary>
    DaysSinceLastPurchase = 8,

    /// <summary>A category among the customer's top categories, with at least <see cref="AudienceCondition.Min"/> share when given (values).</summary>
    CategoryAffinity = 9,

    /// <summary>Opted in to a channel: "Email", "Push" or "Ads" (values; In: all listed hold; NotIn: none of them does).</summary>
    Consent = 10,
}

public enum RuleOperator
{
    /// <summary>The field's value is one of <see cref="AudienceCondition.Values"/>.</summary>
    In = 0,

    /// <summary>The field's value is none of <see cref="AudienceCondition.Values"/> (customers without the field match).</summary>
    NotIn = 1,

    /// <summary>Min &lt;= value &lt;= Max, either bound optional; customers without the field do not match.</summary>
    Between = 2,
}

/// <summary>One test on one profile field: a value list for categorical fields, a range for numeric ones.</summary>
public sealed record AudienceCondition
{
    public AudienceField Field { get; init; }
    public RuleOperator Operator { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];
    public double? Min { get; init; }
    public double? Max { get; init; }

    public static AudienceCondition In(AudienceField field, params string[] values) =>
        new() { Field = field, Operator = RuleOperator.In, Values = values };

    public static AudienceCondition NotIn(AudienceField field, params string[] values) =>
        new() { Field = field, Operator = RuleOperator.NotIn, Values = values };

    public static AudienceCondition Between(AudienceField field, double? min, double? max) =>
        new() { Field = field, Operator = RuleOperator.Between, Min = min, Max = max };

    /// <summary>True for the fields tested with a range (<see cref="RuleOperator.Between"/>); the others take a value list.</summary>
    public static bool IsRange(AudienceField field) => field is AudienceField.ChurnRisk or AudienceField.PropensityPercentile
        or AudienceField.ExpectedValue or AudienceField.DaysSinceLastPurchase;

    public bool Equals(AudienceCondition? other) =>
        other is not null && Field == other.Field && Operator == other.Operator && Min == other.Min && Max == other.Max && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Field, Operator, Min, Max, Values.Count);
}

/// <summary>
/// Leaves out customers with at least <see cref="MaxContacts"/> contacts (exposures of kind Sent, from any campaign) in the
/// last <see cref="Days"/> days.
/// </summary>
public sealed record FrequencyCap(int MaxContacts, int Days);
