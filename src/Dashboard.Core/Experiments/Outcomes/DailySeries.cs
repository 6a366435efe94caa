namespace Dashboard.Core.Experiments.Outcomes;

/// <summary>One member's attributed revenue on one day (a day of the member's conversions, grouped in SQL).</summary>
internal sealed class MemberDay
{
    public int VariantId { get; init; }
    public int CustomerId { get; init; }
    public DateTime Day { get; init; }
    public double Revenue { get; init; }
}

/// <summary>
/// Turns members' daily revenue into each variant's cumulative sums per day, for the report's charts. Done in memory
/// because the sum of squares of running per-member totals is not additive over days (a member buying again replaces
/// R² by (R + r)²), which SQL could only do with window functions EF Core does not translate; the input is one row per
/// converting member and day, a small fraction of the audience.
/// </summary>
internal static class DailySeries
{
    public static List<DailyOutcomeSums> Accumulate(IReadOnlyList<VariantOutcomeSums> variants, IEnumerable<MemberDay> memberDays, DateOnly firstDay, DateOnly lastDay)
    {
        var byDay = memberDays.ToLookup(m => DateOnly.FromDateTime(m.Day));
        var totals = new Dictionary<int, double>();
        var running = variants.ToDictionary(v => v.VariantId, _ => (Converters: 0L, Sum: 0.0, SumOfSquares: 0.0));
        var series = new List<DailyOutcomeSums>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var member in byDay[day])
            {
                var converted = totals.TryGetValue(member.CustomerId, out var before);
                var after = before + member.Revenue;
                totals[member.CustomerId] = after;
                var (converters, sum, sumOfSquares) = running[member.VariantId];
                running[member.VariantId] = (converted ? converters : converters + 1, sum + member.Revenue, sumOfSquares + (after * after) - (before * before));
            }

            series.AddRange(variants.Select(v => new DailyOutcomeSums(day, v.VariantId, v.Sums.Members,
                running[v.VariantId].Converters, running[v.VariantId].Sum, running[v.VariantId].SumOfSquares)));
        }

        return series;
    }
}
