using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// Propensity percentiles as propensity values. A customer's percentile is 100 × (scored customers with a lower
/// propensity) / (scored customers), so tied customers share a percentile and a threshold never splits them.
/// With the scored propensities sorted ascending as v[0..n-1]:
/// percentile ≥ a ⇔ propensity &gt; v[⌈a·n/100⌉ − 1], and percentile ≤ b ⇔ propensity ≤ v[⌊b·n/100⌋].
/// </summary>
internal sealed class PropensityThresholds
{
    private readonly int _scored;
    private readonly Dictionary<int, double> _sorted;

    private PropensityThresholds(int scored, Dictionary<int, double> sorted) => (_scored, _sorted) = (scored, sorted);

    public static async Task<PropensityThresholds> ResolveAsync(DashboardDbContext db, RuleGroup rules, CancellationToken cancellationToken)
    {
        var conditions = Conditions(rules).ToList();
        if (conditions.Count == 0)
        {
            return new PropensityThresholds(0, []);
        }

        var scored = db.Profiles.Where(p => p.PurchasePropensity != null);
        var count = await scored.CountAsync(cancellationToken);
        var ranks = conditions.SelectMany(c => new[] { c.Min is { } a ? LowerRank(a, count) : null, c.Max is { } b ? UpperRank(b, count) : null })
            .OfType<int>()
            .Where(rank => rank >= 0 && rank < count)
            .Distinct();
        var sorted = new Dictionary<int, double>();
        foreach (var rank in ranks)
        {
            // One index seek each on the propensity index.
            sorted[rank] = await scored.OrderBy(p => p.PurchasePropensity).Skip(rank).Select(p => p.PurchasePropensity!.Value).FirstAsync(cancellationToken);
        }

        return new PropensityThresholds(count, sorted);
    }

    /// <summary>The propensity range [min, max] for a percentile range; null ends are open.</summary>
    public (double? Min, double? Max) For(double? minPercentile, double? maxPercentile)
    {
        double? min = null;
        if (minPercentile is { } a && LowerRank(a, _scored) is { } below && below >= 0)
        {
            min = Math.BitIncrement(_sorted[below]);
        }

        double? max = null;
        if (maxPercentile is { } b && UpperRank(b, _scored) is { } top && top < _scored - 1)
        {
            max = _sorted[top];
        }

        return (min, max);
    }

    /// <summary>The rank whose value a customer must exceed to be at percentile ≥ <paramref name="percentile"/>; −1 when everyone is.</summary>
    private static int? LowerRank(double percentile, int count) => (int)Math.Ceiling(Math.Clamp(percentile, 0, 100) * count / 100.0) - 1;

    /// <summary>The rank whose value a customer may not exceed to be at percentile ≤ <paramref name="percentile"/>.</summary>
    private static int? UpperRank(double percentile, int count) => (int)Math.Floor(Math.Clamp(percentile, 0, 100) * count / 100.0);

    private static IEnumerable<AudienceCondition> Conditions(RuleGroup group) =>
        group.Conditions.Where(c => c.Field == AudienceField.PropensityPercentile).Concat(group.Groups.SelectMany(Conditions));
}
