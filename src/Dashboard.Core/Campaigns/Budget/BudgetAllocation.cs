namespace Dashboard.Core.Campaigns.Budget;

/// <summary>A segment as the allocator sees it: how many members it has and what reaching all of them is expected to add.</summary>
public sealed record SegmentDemand(string Segment, int Members, double ExpectedIncrementalRevenue);

/// <summary>What one segment gets: money, the whole contacts it buys, and the incremental revenue expected from them.</summary>
public sealed record SegmentAllocation(
    string Segment,
    int Members,
    double ExpectedIncrementalRevenue,
    decimal Spend,
    double BudgetShare,
    int Contacts,
    double IncrementalRevenueBought)
{
    /// <summary>Expected incremental revenue per unit of money spent; null when nothing is spent.</summary>
    public double? ReturnPerUnit => Spend > 0 ? IncrementalRevenueBought / (double)Spend : null;
}

/// <summary>A budget split across segments, in the order the segments were given.</summary>
public sealed record BudgetAllocation(decimal Budget, decimal CostPerContact, IReadOnlyList<SegmentAllocation> Segments)
{
    public decimal Spent => Segments.Sum(s => s.Spend);

    public decimal Unspent => Budget - Spent;

    public int Contacts => Segments.Sum(s => s.Contacts);

    public double IncrementalRevenueBought => Segments.Sum(s => s.IncrementalRevenueBought);

    public double? ReturnPerUnit => Spent > 0 ? IncrementalRevenueBought / (double)Spent : null;
}
