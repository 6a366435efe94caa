using System.Linq.Expressions;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// Translates audience rules into one SQL query over customers: each profile condition becomes an EXISTS on the
/// profile's primary key with a value or range test, groups become AND/OR, and the exclusions come last.
/// Propensity percentiles are first resolved to propensity thresholds (see <see cref="PropensityThresholds"/>), because a
/// per-row percentile would compare every customer with every other.
/// </summary>
/// <remarks>
/// Semantics: In matches customers whose field is one of the values; NotIn is exactly its negation, so customers without
/// the field (no profile, no cluster, not scored) match NotIn. Between needs the field: customers without it never match.
/// Churn band "Not scored" matches customers without a churn score, a profile or not (as the customer list filters).
/// Consent In means opted in to every listed channel, NotIn to none of them. Days since the last purchase are whole days
/// elapsed at <c>now</c>. Erased customers never match.
/// </remarks>
public static class AudienceQuery
{
    public static async Task<IQueryable<int>> CustomerIdsAsync(
        DashboardDbContext db, AudienceRules rules, CampaignChannel channel, DateTime now, CancellationToken cancellationToken = default) =>
        (await CustomersAsync(db, rules, channel, now, cancellationToken)).Select(c => c.Id);

    /// <summary>The matching customers as a query to compose further (the estimator sums their profiles in the same statement).</summary>
    internal static async Task<IQueryable<Customer>> CustomersAsync(
        DashboardDbContext db, AudienceRules rules, CampaignChannel channel, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
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
            // Contacts are sends from any campaign; the (CustomerId, OccurredAt) index answers each customer's count.
            var since = now.AddDays(-cap.Days);
            var maxContacts = cap.MaxContacts;
            customers = customers.Where(c => db.Exposures.Count(e => e.CustomerId == c.Id && e.OccurredAt >= since && e.Kind == ExposureKind.Sent) < maxContacts);
        }

        return customers;
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
            if (condition.Operator == RuleOperator.Between)
            {
                return Range(condition);
            }

            if (condition.Field == AudienceField.Consent && condition.Operator == RuleOperator.NotIn)
            {
                // Opted in to none of the listed channels.
                return condition.Values.Select(v => AudienceValidation.ParseEnum<ConsentChannel>(v, condition.Field))
                    .Distinct()
                    .Select(channel => Predicates.Not(Consent(channel)))
                    .Aggregate(Predicates.And);
            }

            var matches = OneOf(condition);
            return condition.Operator == RuleOperator.NotIn ? Predicates.Not(matches) : matches;
        }

        private Expression<Func<Customer, bool>> OneOf(AudienceCondition condition)
        {
            var values = condition.Values.Distinct().ToList();
            switch (condition.Field)
            {
                case AudienceField.Segment:
                    return HasProfile(db.Profiles.Where(p => values.Contains(p.Segment)));
                case AudienceField.Cluster:
                    var clusters = values.Select(v => (int?)AudienceValidation.ParseInt(v, condition.Field)).ToList();
                    return HasProfile(db.Profiles.Where(p => clusters.Contains(p.Cluster)));
                case AudienceField.ChurnBand:
                    return values.Select(v => AudienceValidation.ParseEnum<ChurnBand>(v, condition.Field))
                        .Distinct()
                        .Select(band => band == ChurnBand.NotScored
                            // Without a profile there is no score either.
                            ? Predicates.Not(HasProfile(db.Profiles.Where(p => p.ChurnRisk != null)))
                            : HasProfile(db.Profiles.WhereChurnBand(p => p.ChurnRisk, band)))
                        .Aggregate(Predicates.Or);
                case AudienceField.Country:
                    return c => values.Contains(c.Country);
                case AudienceField.CategoryAffinity:
                    if (condition.Min is { } minShare and > 0)
                    {
                        return HasProfile(db.Profiles.Where(p => p.TopCategories.Any(t => values.Contains(t.Category) && t.Share >= minShare)));
                    }

                    return HasProfile(db.Profiles.Where(p => p.TopCategories.Any(t => values.Contains(t.Category))));
                case AudienceField.Consent:
                    return values.Select(v => AudienceValidation.ParseEnum<ConsentChannel>(v, condition.Field))
                        .Distinct()
                        .Select(Consent)
                        .Aggregate(Predicates.And);
                default:
                    throw new AudienceRuleException($"The {AudienceDescription.Field(condition.Field)} rule takes a range, not a list of values.");
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
                    return thresholds.For(min, max) is { } propensity
                        ? HasProfile(Between(db.Profiles, p => p.PurchasePropensity, propensity.Min, propensity.Max))
                        : Predicates.False<Customer>();
                case AudienceField.DaysSinceLastPurchase:
                    // Whole days elapsed: d days since the purchase means now − (d + 1) days < purchase ≤ now − d days.
                    // More days means an earlier purchase, so the bounds swap.
                    var bought = db.Profiles.Where(p => p.LastPurchaseAt != null);
                    if (min is { } fewest)
                    {
                        var before = now.AddDays(-Math.Ceiling(fewest));
                        bought = bought.Where(p => p.LastPurchaseAt <= before);
                    }

                    if (max is { } most)
                    {
                        var after = now.AddDays(-(Math.Floor(most) + 1));
                        bought = bought.Where(p => p.LastPurchaseAt > after);
                    }

                    return HasProfile(bought);
                default:
                    throw new AudienceRuleException($"The {AudienceDescription.Field(condition.Field)} rule takes a list of values, not a range.");
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
                test = Expression.AndAlso(test, Expression.GreaterThanOrEqual(value, Parameter(low)));
            }

            if (max is { } high)
            {
                test = Expression.AndAlso(test, Expression.LessThanOrEqual(value, Parameter(high)));
            }

            return profiles.Where(Expression.Lambda<Func<CustomerProfile, bool>>(test, field.Parameters));
        }

        /// <summary>A bound as a closure member, so EF sends it as a parameter (one cached plan whatever the numbers).</summary>
        private static MemberExpression Parameter(double bound)
        {
            var holder = new Bound(bound);
            return Expression.Property(Expression.Constant(holder), nameof(Bound.Value));
        }

        private static Expression<Func<Customer, bool>> Consent(ConsentChannel channel) => channel switch
        {
            ConsentChannel.Email => c => c.EmailOptIn,
            ConsentChannel.Push => c => c.PushOptIn,
            _ => c => c.AdsOptIn,
        };
    }

    private sealed class Bound(double value)
    {
        public double? Value { get; } = value;
    }
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
