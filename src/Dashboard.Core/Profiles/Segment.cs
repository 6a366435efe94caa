namespace Dashboard.Core.Profiles;

public enum SegmentKind
{
    Rfm = 1,
    Cluster = 2,
    Custom = 3,
}

/// <summary>A named group of customers with its size and value at the last profiling run.</summary>
public class Segment
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public SegmentKind Kind { get; set; }
    public string? Description { get; set; }
    public int CustomerCount { get; set; }
    public double Revenue { get; set; }
    public DateTime ComputedAt { get; set; }
}
