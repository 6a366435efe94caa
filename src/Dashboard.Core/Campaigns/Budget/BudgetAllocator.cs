namespace Dashboard.Core.Campaigns.Budget;

/// <summary>
/// Splits a paid channel's budget across segments in proportion to their expected incremental revenue, by water-filling:
/// no segment gets more than it costs to reach all its members, and what a full segment cannot use flows on to the others,
/// again in proportion, until the money is spent or every segment is fully reached. Segments expected to add nothing (or
/// to lose revenue) get nothing.
/// </summary>
/// <remarks>
/// Contacts are whole: a segment's spend buys floor(spend / cost per contact) of them, and the incremental revenue bought is
/// the segment's share pro rata. When contacts cost nothing, reaching a segment costs nothing: every segment worth reaching
/// is reached in full, nothing is spent and the whole budget is left over. That keeps one rule for every cost (spend is
/// always the smaller of the budget and the cost of reaching every segment worth reaching) instead of handing out money
/// that buys nothing.
/// </remarks>
public static class BudgetAllocator
{
    public static BudgetAllocation Allocate(decimal budget, decimal costPerContact, IReadOnlyList<SegmentDemand> segments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        ArgumentOutOfRangeException.ThrowIfNegative(costPerContact);
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.FirstOrDefault(s => s.Members < 0) is { } negative)
        {
            throw new ArgumentException($"Segment {negative.Segment} has a negative number of members.", nameof(segments));
        }

        var spend = new decimal[segments.Count];
        var contacts = new int[segments.Count];
        var weight = segments.Select(s => (decimal)s.ExpectedIncrementalRevenue).ToArray();
        var cap = segments.Select(s => s.Members * costPerContact).ToArray();
        var open = Enumerable.Range(0, segments.Count).Where(i => weight[i] > 0 && segments[i].Members > 0).ToList();
        var remaining = budget;

        // Each round either fills at least one segment to its cap or spends the rest, so it ends within n + 1 rounds.
        // Filling every capped segment of a round at once is safe: each takes less than its proportional share, which
        // only raises the shares of the others.
        while (open.Count > 0)
        {
            var totalWeight = open.Sum(i => weight[i]);
            var filled = open.Where(i => remaining * weight[i] / totalWeight >= cap[i]).ToList();
            if (filled.Count == 0)
            {
                // No open segment reached its cap, so every cap here is above zero and so is the cost per contact.
                foreach (var i in open)
                {
                    spend[i] = remaining * weight[i] / totalWeight;
                    contacts[i] = Math.Min(segments[i].Members, (int)Math.Floor(spend[i] / costPerContact));
                }

                break;
            }

            foreach (var i in filled)
            {
                (spend[i], contacts[i]) = (cap[i], segments[i].Members);
                remaining -= cap[i];
                open.Remove(i);
            }
        }

        var allocations = segments.Select((s, i) =>
        {
            var revenue = contacts[i] == 0 ? 0 : s.ExpectedIncrementalRevenue * contacts[i] / s.Members;
            var share = budget > 0 ? (double)(spend[i] / budget) : 0;
            return new SegmentAllocation(s.Segment, s.Members, s.ExpectedIncrementalRevenue, spend[i], share, contacts[i], revenue);
        }).ToList();
        return new BudgetAllocation(budget, costPerContact, allocations);
    }
}
