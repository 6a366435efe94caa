using System.Globalization;
using System.Linq.Expressions;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// Translates audience rules into one SQL query over customers: each profile condition becomes an EXISTS on the
/// profile's primary key with an indexed range or value test, groups become AND/OR, and the exclusions come last.
/// Propensity percentiles are first resolved to propensity thresholds (two indexed lookups), because a per-row
/// percentile would compare every customer with every other.
/// </summary>
public static class AudienceQuery
{
    public static async Task<IQueryable<int>> CustomerIdsAsync(
        DashboardDbContext db, AudienceRules rules, CampaignChannel channel, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        var thresholds = await PropensityThresholds.ResolveAsync(db, rules.Include, cancellationToken);
        var conditions = new ConditionTranslator(db, now, thresholds);

        var customers = db.Customers.Where(c => c.ErasedAt == null);
        if (!rules.Include.IsEmpty)
        {
            customers = customers.Where(conditions.Group(rules.Include));
        }

        if (rules.RequireConsent)
        {
            customers = customers.WithConsentFor(channel);
        }

        if (rules.FrequencyCap is { } cap)
        {
            var since = now.AddDays(-cap.Days);
            var contacts = db.Exposures.Where(e => e.Kind == ExposureKind.Sent && e.OccurredAt >= since);
            customers = customers.Where(c => contacts.Count(e => e.CustomerId == c.Id) < cap.MaxContacts);
        }

        return customers.Select(c => c.Id);
    }

    private sealed class ConditionTranslator(DashboardDbContext db, DateTime now, PropensityThresholds thresholds)
    {
        public Expression<Func<Customer, bool>> Group(RuleGroup group)
        {
            var parts = group.Conditions.Select(Condition)
                .Concat(group.Groups.Where(g => !g.IsEmpty).Select(Group))
                .ToList();
            if (parts.Count == 0)
            {
                return Predicates.True<Customer>();
            }

            return group.Combinator == RuleCombinator.All ? parts.Aggregate(Predicates.And) : parts.Aggregate(Predicates.Or);
        }

        private Expression<Func<Customer, bool>> Condition(AudienceCondition condition)
        {
            if (condition.Operator == RuleOperator.Between && condition.Min is null && condition.Max is null)
            {
                throw new AudienceRuleException($"The {Describe(condition.Field)} rule needs a lower or an upper bound.");
            }

            var matches = condition.Operator == RuleOperator.Between ? Range(condition) : OneOf(condition);
            return condition.Operator == RuleOperator.NotIn ? Predicates.Not(matches) : matches;
        }

        private Expression<Func<Customer, bool>> OneOf(AudienceCondition condition)
        {
            if (condition.Values.Count == 0)
            {
                throw new AudienceRuleException($"The {Describe(condition.Field)} rule needs at least one value.");
            }

            var values = condition.Values.ToList();
            switch (condition.Field)
            {
                case AudienceField.Segment:
                    return HasProfile(db.Profiles.Where(p => values.Contains(p.Segment)));
                case AudienceField.Cluster:
                    var clusters = values.Select(v => (int?)ParseInt(v, condition.Field)).ToList();
                    return HasProfile(db.Profiles.Where(p => clusters.Contains(p.Cluster)));
                case AudienceField.ChurnBand:
                    return values.Select(v => ParseEnum<ChurnBand>(v, condition.Field))
                        .Select(band => HasProfile(db.Profiles.WhereChurnBand(p => p.ChurnRisk, band)))
                        .Aggregate(Predicates.Or);
                case AudienceField.Country:
                    return c => values.Contains(c.Country);
                case AudienceField.CategoryAffinity:
                    var minShare = condition.Min ?? 0;
                    return HasProfile(db.Profiles.Where(p => p.TopCategories.Any(t => values.Contains(t.Category) && t.Share >= minShare)));
                case AudienceField.Consent:
                    return values.Select(v => ParseEnum<ConsentChannel>(v, condition.Field))
                        .Select(Consent)
                        .Aggregate(Predicates.And);
                default:
                    throw new AudienceRuleException($"The {Describe(condition.Field)} rule takes a range, not a list of values.");
            }
        }

        private Expression<Func<Customer, bool>> Range(AudienceCondition condition)
        {
            var (min, max) = (condition.Min, condition.Max);
            switch (condition.Field)
            {
                case AudienceField.ChurnRisk:
                    return HasProfile(Between(db.Profiles, p => p.ChurnRisk, min, max));
                case AudienceField.ExpectedValue:
                    return HasProfile(Between(db.Profiles, p => p.ExpectedValue90d, min, max));
                case AudienceField.PropensityPercentile:
                    var (low, high) = thresholds.For(min, max);
                    return HasProfile(Between(db.Profiles, p => p.PurchasePropensity, low, high));
                case AudienceField.DaysSinceLastPurchase:
                    // More days since the purchase means an earlier purchase: the bounds swap.
                    DateTime? boughtBefore = min is { } fewest ? now.AddDays(-fewest) : null;
                    DateTime? boughtAfter = max is { } most ? now.AddDays(-most) : null;
                    var bought = db.Profiles.Where(p => p.LastPurchaseAt != null);
                    if (boughtBefore is { } before)
                    {
                        bought = bought.Where(p => p.LastPurchaseAt <= before);
                    }

                    if (boughtAfter is { } after)
                    {
                        bought = bought.Where(p => p.LastPurchaseAt >= after);
                    }

                    return HasProfile(bought);
                default:
                    throw new AudienceRuleException($"The {Describe(condition.Field)} rule takes a list of values, not a range.");
            }
        }

        private static Expression<Func<Customer, bool>> HasProfile(IQueryable<CustomerProfile> matching) =>
            c => matching.Any(p => p.CustomerId == c.Id);

        private static IQueryable<CustomerProfile> Between(
            IQueryable<CustomerProfile> profiles, Expression<Func<CustomerProfile, double?>> field, double? min, double? max)
        {
            var value = field.Body;
            Expression test = Expression.NotEqual(value, Expression.Constant(null, typeof(double?)));
            if (min is { } low)
            {
                test = Expression.AndAlso(test, Expression.GreaterThanOrEqual(value, Expression.Constant(low, typeof(double?))));
            }

            if (max is { } high)
            {
                test = Expression.AndAlso(test, Expression.LessThanOrEqual(value, Expression.Constant(high, typeof(double?))));
            }

            return profiles.Where(Expression.Lambda<Func<CustomerProfile, bool>>(test, field.Parameters));
        }

        private static Expression<Func<Customer, bool>> Consent(ConsentChannel channel) => channel switch
        {
            ConsentChannel.Email => c => c.EmailOptIn,
            ConsentChannel.Push => c => c.PushOptIn,
            _ => c => c.AdsOptIn,
        };
    }

    private static int ParseInt(string value, AudienceField field) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new AudienceRuleException($"\"{value}\" is not a {Describe(field)}.");

    private static T ParseEnum<T>(string value, AudienceField field)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new AudienceRuleException($"\"{value}\" is not a {Describe(field)}; use one of {string.Join(", ", Enum.GetNames<T>())}.");

    public static string Describe(AudienceField field) => field switch
    {
        AudienceField.Segment => "RFM segment",
        AudienceField.Cluster => "cluster",
        AudienceField.ChurnBand => "churn band",
        AudienceField.ChurnRisk => "churn risk",
        AudienceField.PropensityPercentile => "propensity percentile",
        AudienceField.ExpectedValue => "expected value",
        AudienceField.Country => "country",
        AudienceField.DaysSinceLastPurchase => "days since last purchase",
        AudienceField.CategoryAffinity => "category affinity",
        AudienceField.Consent => "consent",
        _ => field.ToString(),
    };
}

/// <summary>The channels a customer can opt in to, as audience rules name them.</summary>
public enum ConsentChannel
{
    Email,
    Push,
    Ads,
}

/// <summary>An audience rule that cannot be evaluated; the message is meant for the person editing it.</summary>
public sealed class AudienceRuleException(string message) : Exception(message);
