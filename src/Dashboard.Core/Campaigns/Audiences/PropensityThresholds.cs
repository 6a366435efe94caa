using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// Propensity percentiles as propensity values. A customer's percentile is 100 × (scored customers with a lower
/// propensity) / (scored customers), so tied customers share a percentile and a threshold never splits them.
/// With the n scored propensities sorted ascending as v[0..n-1]:
/// percentile ≥ a ⇔ at least k = ⌈a·n/100⌉ values lie below ⇔ propensity &gt; v[k − 1] (everyone when k = 0), and
/// percentile ≤ b ⇔ at most m = ⌊b·n/100⌋ values lie below ⇔ propensity ≤ v[m] (everyone when m ≥ n − 1).
/// Resolving takes two statements whatever the number of percentile rules: the count, then every needed v[rank] at once
/// (each an ordered seek on the propensity index).
/// </summary>
internal sealed class PropensityThresholds
{
    private static readonly PropensityThresholds None = new(0, []);

    private readonly int _scored;
    private readonly Dictionary<int, double> _sorted;

    private PropensityThresholds(int scored, Dictionary<int, double> sorted) => (_scored, _sorted) = (scored, sorted);

    public static async Task<PropensityThresholds> ResolveAsync(DashboardDbContext db, RuleGroup rules, CancellationToken cancellationToken)
    {
        var conditions = Conditions(rules).ToList();
        if (conditions.Count == 0)
        {
            return None;
        }

        var scored = db.Profiles.Where(p => p.PurchasePropensity != null);
        var count = await scored.CountAsync(cancellationToken);
        var ranks = conditions
            .SelectMany(c => new[] { c.Min is { } a ? LowerRank(a, count) : -1, c.Max is { } b ? UpperRank(b, count) : -1 })
            .Where(rank => rank >= 0 && rank < count)
            .Distinct()
            .Order()
            .ToList();
        if (ranks.Count == 0)
        {
            return new PropensityThresholds(count, []);
        }

        IQueryable<double>? values = null;
        foreach (var rank in ranks)
        {
            var value = scored.OrderBy(p => p.PurchasePropensity).Skip(rank).Take(1).Select(p => p.PurchasePropensity!.Value);
            values = values is null ? value : values.Concat(value);
        }

        // UNION ALL keeps no order, but v[rank] grows with the rank: the sorted values belong to the sorted ranks.
        var found = (await values!.ToListAsync(cancellationToken)).Order().ToList();
        return new PropensityThresholds(count, ranks.Zip(found).ToDictionary(pair => pair.First, pair => pair.Second));
    }

    /// <summary>
    /// The propensity range [min, max] for a percentile range (null ends are open); null when the profiles changed while
    /// the thresholds were read, and the range cannot be trusted (nobody matches then; the next evaluation sees the new data).
    /// </summary>
    public (double? Min, double? Max)? For(double? minPercentile, double? maxPercentile)
    {
        double? min = null;
        if (minPercentile is { } a && LowerRank(a, _scored) is var below and >= 0)
        {
            if (!_sorted.TryGetValue(below, out var value))
            {
                return null;
            }

            // Strictly above v[below]: the next double up, so that the database compares with >= on its index.
            min = Math.BitIncrement(value);
        }

        double? max = null;
        if (maxPercentile is { } b && UpperRank(b, _scored) is var top && top < _scored - 1)
        {
            if (!_sorted.TryGetValue(top, out var value))
            {
                return null;
            }

            max = value;
        }

        return (min, max);
    }

    /// <summary>The rank whose value a customer must exceed to be at percentile ≥ <paramref name="percentile"/>; −1 when everyone is.</summary>
    private static int LowerRank(double percentile, int count) => (int)Math.Ceiling(Math.Clamp(percentile, 0, 100) * count / 100.0) - 1;

    /// <summary>The rank whose value a customer may not exceed to be at percentile ≤ <paramref name="percentile"/>.</summary>
    private static int UpperRank(double percentile, int count) => (int)Math.Floor(Math.Clamp(percentile, 0, 100) * count / 100.0);

    private static IEnumerable<AudienceCondition> Conditions(RuleGroup group) =>
        group.Conditions.Where(c => c.Field == AudienceField.PropensityPercentile && c.Operator == RuleOperator.Between)
            .Concat(group.Groups.SelectMany(Conditions));
}
