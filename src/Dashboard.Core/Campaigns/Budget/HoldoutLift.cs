namespace Dashboard.Core.Campaigns.Budget;

/// <summary>How many members of one group (contacted or held out) of a campaign's segment there were, and their attributed revenue.</summary>
public readonly record struct GroupRevenue(int Members, double Revenue)
{
    public double PerMember => Revenue / Members;
}

/// <summary>Contacted against held-out members of one segment in one completed campaign.</summary>
public sealed record HoldoutComparison(int CampaignId, string Segment, GroupRevenue Treated, GroupRevenue Holdout);

/// <summary>
/// Turns holdout comparisons into a measured uplift per segment: (treated - holdout) / holdout revenue per member, from the
/// campaigns where both groups had at least <see cref="MinimumGroupMembers"/> members and the holdout bought something.
/// Smaller groups give lifts too noisy to plan money on; a holdout without revenue gives no ratio at all.
/// </summary>
public static class HoldoutLift
{
    public const int MinimumGroupMembers = 200;

    public static IReadOnlyDictionary<string, MeasuredUplift> PerSegment(IEnumerable<HoldoutComparison> comparisons) =>
        comparisons
            .Where(c => c.Treated.Members >= MinimumGroupMembers && c.Holdout.Members >= MinimumGroupMembers && c.Holdout.Revenue > 0)
            .GroupBy(c => c.Segment, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Combine([.. g]), StringComparer.Ordinal);

    /// <summary>
    /// The campaigns' lifts weighted by n_t n_h / (n_t + n_h): a lift's variance goes with 1/n_t + 1/n_h, so a campaign
    /// with a small holdout counts for less than one with two large groups, however many members it contacted.
    /// </summary>
    private static MeasuredUplift Combine(IReadOnlyList<HoldoutComparison> campaigns)
    {
        var weighted = campaigns.Select(c => (
            Lift: (c.Treated.PerMember - c.Holdout.PerMember) / c.Holdout.PerMember,
            Weight: (double)c.Treated.Members * c.Holdout.Members / (c.Treated.Members + c.Holdout.Members))).ToList();
        return new MeasuredUplift(weighted.Sum(w => w.Lift * w.Weight) / weighted.Sum(w => w.Weight), campaigns.Count);
    }
}
