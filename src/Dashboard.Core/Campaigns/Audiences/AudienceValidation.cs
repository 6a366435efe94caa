using System.Globalization;
using Dashboard.Core.Profiles;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// The checks a rule tree must pass before it is evaluated, and the parsing of its values, with messages meant for the
/// person editing the rules (they are shown next to the builder).
/// </summary>
internal static class AudienceValidation
{
    public static void Check(AudienceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Include is null)
        {
            throw new AudienceRuleException("The rules have no condition group.");
        }

        Check(rules.Include);
        if (rules.FrequencyCap is { } cap)
        {
            if (cap.MaxContacts < 1)
            {
                throw new AudienceRuleException("The frequency cap needs at least 1 contact.");
            }

            if (cap.Days is < 1 or > 3650)
            {
                throw new AudienceRuleException("The frequency cap's period must be between 1 and 3,650 days.");
            }
        }
    }

    private static void Check(RuleGroup group)
    {
        if (!Enum.IsDefined(group.Combinator))
        {
            throw new AudienceRuleException($"\"{group.Combinator}\" is not a way to combine rules; use All or Any.");
        }

        foreach (var condition in group.Conditions ?? [])
        {
            Check(condition ?? throw new AudienceRuleException("A rule is empty."));
        }

        foreach (var nested in group.Groups ?? [])
        {
            Check(nested ?? throw new AudienceRuleException("A rule group is empty."));
        }
    }

    private static void Check(AudienceCondition condition)
    {
        var field = condition.Field;
        if (!Enum.IsDefined(field))
        {
            throw new AudienceRuleException("A rule has no field: choose what it tests.");
        }

        var name = AudienceDescription.Field(field);
        if (!Enum.IsDefined(condition.Operator))
        {
            throw new AudienceRuleException($"The {name} rule has an unknown operator.");
        }

        if (condition.Min is { } min && !double.IsFinite(min) || condition.Max is { } max && !double.IsFinite(max))
        {
            throw new AudienceRuleException($"The {name} rule's bounds must be numbers.");
        }

        if (AudienceCondition.IsRange(field))
        {
            CheckRange(condition, name);
        }
        else
        {
            CheckValues(condition, name);
        }
    }

    private static void CheckRange(AudienceCondition condition, string name)
    {
        if (condition.Operator != RuleOperator.Between)
        {
            throw new AudienceRuleException($"The {name} rule takes a range, not a list of values.");
        }

        var (min, max) = (condition.Min, condition.Max);
        if (min is null && max is null)
        {
            throw new AudienceRuleException($"The {name} rule needs a lower or an upper bound.");
        }

        if (min > max)
        {
            throw new AudienceRuleException($"The {name} rule's lower bound ({Number(min)}) is above its upper bound ({Number(max)}).");
        }

        var (lowest, highest, unit) = condition.Field switch
        {
            AudienceField.ChurnRisk => (0.0, 1.0, "a probability between 0 and 1"),
            AudienceField.PropensityPercentile => (0.0, 100.0, "a percentile between 0 and 100"),
            AudienceField.DaysSinceLastPurchase => (0.0, double.MaxValue, "a number of days, 0 or more"),
            _ => (double.MinValue, double.MaxValue, ""),
        };
        if (min < lowest || max < lowest || min > highest || max > highest)
        {
            throw new AudienceRuleException($"The {name} rule's bounds must each be {unit}.");
        }
    }

    private static void CheckValues(AudienceCondition condition, string name)
    {
        if (condition.Operator == RuleOperator.Between)
        {
            throw new AudienceRuleException($"The {name} rule takes a list of values, not a range.");
        }

        var values = condition.Values ?? [];
        if (values.Count == 0)
        {
            throw new AudienceRuleException($"The {name} rule needs at least one value.");
        }

        if (values.Any(string.IsNullOrWhiteSpace))
        {
            throw new AudienceRuleException($"The {name} rule has an empty value.");
        }

        switch (condition.Field)
        {
            case AudienceField.Cluster:
                _ = values.Select(v => ParseInt(v, condition.Field)).ToList();
                break;
            case AudienceField.ChurnBand:
                _ = values.Select(v => ParseEnum<ChurnBand>(v, condition.Field)).ToList();
                break;
            case AudienceField.Consent:
                _ = values.Select(v => ParseEnum<ConsentChannel>(v, condition.Field)).ToList();
                break;
            case AudienceField.CategoryAffinity when condition.Min is < 0 or > 1:
                throw new AudienceRuleException($"The {name} rule's minimum share must be a fraction between 0 and 1.");
            default:
                break;
        }
    }

    public static int ParseInt(string value, AudienceField field) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new AudienceRuleException($"\"{value}\" is not a {AudienceDescription.Field(field)} number.");

    public static T ParseEnum<T>(string value, AudienceField field)
        where T : struct, Enum =>
        !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        && Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new AudienceRuleException(
                $"\"{value}\" is not a {AudienceDescription.Field(field)}; use one of {string.Join(", ", Enum.GetNames<T>())}.");

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}
