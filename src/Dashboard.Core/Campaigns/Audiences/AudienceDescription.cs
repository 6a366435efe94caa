using System.Globalization;
using Dashboard.Core.Profiles;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// Audience rules in words, for pages that show a campaign's audience read-only, e.g.
/// "All of: RFM segment is Champions or Loyal · churn risk 30–60 %; excluding customers contacted 2× or more in the last 7 days".
/// </summary>
public static class AudienceDescription
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Of(AudienceRules rules, CampaignChannel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        List<string> parts = [rules.Include.IsEmpty ? "Everyone" : Group(rules.Include)];
        if (rules.RequireConsent && channel != CampaignChannel.OnSiteBanner)
        {
            parts.Add(channel is { } c ? $"only customers who consented to {Channel(c)}" : "only customers who consented to the channel");
        }

        if (rules.FrequencyCap is { } cap)
        {
            parts.Add($"excluding customers contacted {cap.MaxContacts}× or more in the last {Days(cap.Days)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>The field's name as people read it: "RFM segment", "churn risk", ...</summary>
    public static string Field(AudienceField field) => field switch
    {
        AudienceField.Segment => "RFM segment",
        AudienceField.Cluster => "cluster",
        AudienceField.ChurnBand => "churn band",
        AudienceField.ChurnRisk => "churn risk",
        AudienceField.PropensityPercentile => "propensity percentile",
        AudienceField.ExpectedValue => "expected 90-day value",
        AudienceField.Country => "country",
        AudienceField.DaysSinceLastPurchase => "days since last purchase",
        AudienceField.CategoryAffinity => "category affinity",
        AudienceField.Consent => "consent",
        _ => field.ToString(),
    };

    /// <summary>A group: its one part, or "All of: a · b" / "Any of: a · b"; nested groups in parentheses.</summary>
    public static string Group(RuleGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var parts = group.Conditions.Select(Condition)
            .Concat(group.Groups.Where(g => !g.IsEmpty).Select(g => g.Conditions.Count + g.Groups.Count(n => !n.IsEmpty) > 1 ? $"({Group(g)})" : Group(g)))
            .ToList();
        return parts.Count switch
        {
            0 => "Everyone",
            1 => parts[0],
            _ => $"{(group.Combinator == RuleCombinator.Any ? "Any of" : "All of")}: {string.Join(" · ", parts)}",
        };
    }

    public static string Condition(AudienceCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var name = Field(condition.Field);
        if (condition.Operator == RuleOperator.Between)
        {
            return condition.Field switch
            {
                AudienceField.ChurnRisk => $"{name} {Range(condition.Min * 100, condition.Max * 100)} %",
                _ => $"{name} {Range(condition.Min, condition.Max)}",
            };
        }

        var negated = condition.Operator == RuleOperator.NotIn;
        switch (condition.Field)
        {
            case AudienceField.Consent:
                return negated ? $"not consented to {List(condition.Values, "or")}" : $"consented to {List(condition.Values, "and")}";
            case AudienceField.CategoryAffinity:
                var share = condition.Min is { } min and > 0 ? $" (share ≥ {Number(min * 100)} %)" : "";
                return $"{(negated ? "no " : "")}{name} {List(condition.Values, "or")}{share}";
            case AudienceField.ChurnBand:
                var bands = condition.Values.Select(v => Enum.TryParse<ChurnBand>(v, ignoreCase: true, out var band) && Enum.IsDefined(band) ? ChurnBands.Label(band) : v);
                return $"{name} is {(negated ? "not " : "")}{List([.. bands], "or")}";
            default:
                return $"{name} is {(negated ? "not " : "")}{List(condition.Values, "or")}";
        }
    }

    private static string Range(double? min, double? max) => (min, max) switch
    {
        ({ } low, { } high) => $"{Number(low)}–{Number(high)}",
        ({ } low, null) => $"≥ {Number(low)}",
        (null, { } high) => $"≤ {Number(high)}",
        _ => "any",
    };

    private static string List(IReadOnlyList<string> values, string conjunction) => values.Count switch
    {
        0 => "(nothing)",
        1 => values[0],
        _ => $"{string.Join(", ", values.Take(values.Count - 1))} {conjunction} {values[^1]}",
    };

    private static string Channel(CampaignChannel channel) => channel switch
    {
        CampaignChannel.Email => "e-mail",
        CampaignChannel.Push => "push",
        CampaignChannel.PaidSocial => "ads",
        _ => channel.ToString(),
    };

    private static string Days(int days) => days == 1 ? "day" : $"{days} days";

    private static string Number(double value) => Math.Round(value, 4).ToString("0.##", Invariant);
}
