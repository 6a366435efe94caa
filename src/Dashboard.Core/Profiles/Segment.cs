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

/// <summary>
/// A segment's size and value as one profiling run left it. Every run appends one row per segment, so the Segments page
/// can show how each segment grew or shrank; <see cref="Segment"/> only holds the latest run.
/// </summary>
public class SegmentSnapshot
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public SegmentKind Kind { get; set; }
    public int CustomerCount { get; set; }
    public double Revenue { get; set; }

    /// <summary>The profile run's reference date (the data's "today").</summary>
    public DateTime ReferenceDate { get; set; }

    public DateTime ComputedAt { get; set; }
}
