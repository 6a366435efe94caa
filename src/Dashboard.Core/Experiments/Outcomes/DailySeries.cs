namespace Dashboard.Core.Experiments.Outcomes;

/// <summary>One attributed order's revenue, and whose it was.</summary>
internal sealed class AttributedRevenue
{
    public int VariantId { get; init; }
    public int CustomerId { get; init; }
    public DateTime ConvertedAt { get; init; }
    public double Revenue { get; init; }
}

/// <summary>
/// Turns attributed orders into each variant's cumulative sums per day, for the report's charts. Done in memory
/// because the sum of squares of running per-member totals is not additive over days (a member buying again replaces
/// R² by (R + r)²), which SQL could only do with window functions EF Core does not translate; the input is one row per
/// attributed order, a small fraction of the audience, read as stored: grouping them per member and day in SQL cost more
/// (SQLite truncates each date as text) than it saved.
/// </summary>
internal static class DailySeries
{
    public static List<DailyOutcomeSums> Accumulate(IReadOnlyList<VariantOutcomeSums> variants, IEnumerable<AttributedRevenue> orders, DateOnly firstDay, DateOnly lastDay)
    {
        var byDay = orders.ToLookup(o => DateOnly.FromDateTime(o.ConvertedAt));
        var totals = new Dictionary<int, double>();
        var running = variants.ToDictionary(v => v.VariantId, _ => (Converters: 0L, Sum: 0.0, SumOfSquares: 0.0));
        var series = new List<DailyOutcomeSums>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var order in byDay[day])
            {
                var converted = totals.TryGetValue(order.CustomerId, out var before);
                var after = before + order.Revenue;
                totals[order.CustomerId] = after;
                var (converters, sum, sumOfSquares) = running[order.VariantId];
                running[order.VariantId] = (converted ? converters : converters + 1, sum + order.Revenue, sumOfSquares + (after * after) - (before * before));
            }

            series.AddRange(variants.Select(v => new DailyOutcomeSums(day, v.VariantId, v.Sums.Members,
                running[v.VariantId].Converters, running[v.VariantId].Sum, running[v.VariantId].SumOfSquares)));
        }

        return series;
    }
}
