namespace Dashboard.Core.Ingestion;

public enum ImportStatus
{
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>One import of one file: every row read is accepted, rejected (with a reason) or flagged.</summary>
public class ImportRun
{
    public int Id { get; set; }
    public required string Source { get; set; }
    public required string Format { get; set; }

    /// <summary>SHA-256 of the file, so that importing the same file twice is recognised.</summary>
    public string? ContentHash { get; set; }

    public ImportStatus Status { get; set; } = ImportStatus.Running;
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long RowsRead { get; set; }
    public long RowsAccepted { get; set; }
    public long RowsRejected { get; set; }
    public long RowsFlagged { get; set; }
    public string? Error { get; set; }

    public List<ImportRejectedRow> RejectedRows { get; set; } = [];
}

public class ImportRejectedRow
{
    public long Id { get; set; }
    public int ImportRunId { get; set; }
    public long LineNumber { get; set; }
    public required string Reason { get; set; }

    /// <summary>The raw line, truncated; may hold personal data and is cleared on erasure.</summary>
    public string? RawLine { get; set; }
}
