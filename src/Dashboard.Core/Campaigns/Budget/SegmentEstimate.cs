namespace Dashboard.Core.Campaigns.Budget;

/// <summary>A campaign's audience as it is now, split by RFM segment, with what each segment is expected to be worth.</summary>
public sealed record AudienceSegments(int Members, IReadOnlyList<SegmentEstimate> Segments)
{
    /// <summary>Members the profiling stage has not seen yet: they have no segment and no expected value.</summary>
    public int MembersWithoutProfile => Members - Segments.Sum(s => s.Members);
}

/// <summary>
/// One RFM segment of an audience: its members, the sum of their expected 90-day value (members without a value score
/// count as 0) and, where past campaigns measured it, the uplift that contacting them brought.
/// </summary>
public sealed record SegmentEstimate(string Segment, int Members, int MembersWithoutValue, double ExpectedValue, MeasuredUplift? MeasuredUplift)
{
    /// <summary>The measured uplift where there is enough evidence, else the manager's assumption.</summary>
    public double Uplift(double assumedUplift) => MeasuredUplift?.Rate ?? assumedUplift;

    public SegmentDemand Demand(double assumedUplift) => new(Segment, Members, ExpectedValue * Uplift(assumedUplift));
}

/// <summary>The relative revenue lift of contacted members over the holdout, and in how many campaigns it was measured.</summary>
public sealed record MeasuredUplift(double Rate, int Campaigns);
