namespace Dashboard.Core.Ingestion;

/// <summary>
/// Progress of an import for progress bars: the stage, the data rows read so far in it, and the share of the whole
/// import done (0..1), estimated from how far through the file (its compressed bytes, for gzip) reading has got.
/// </summary>
public readonly record struct ImportProgress(string Stage, long RowsRead, double Fraction)
{
    /// <summary>A first pass that only reads, for statistics some rules need (the outlier rule's medians).</summary>
    public const string Scanning = "Scanning";

    /// <summary>Reading, checking and committing rows in batches.</summary>
    public const string Importing = "Importing";
}
