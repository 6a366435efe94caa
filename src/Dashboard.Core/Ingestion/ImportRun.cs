namespace Dashboard.Core.Ingestion;

public enum ImportStatus
{
    Running = 1,
    Succeeded = 2,
    Failed = 3,

    /// <summary>The same file (by content hash) was imported successfully before; nothing was changed.</summary>
    Skipped = 4,
}

/// <summary>Which importer read the file.</summary>
public enum ImportKind
{
    Customers = 1,
    Products = 2,
    Orders = 3,
    Events = 4,
    OnlineRetail = 5,

    /// <summary>The demo generator and other sources that do not read a file.</summary>
    Demo = 6,
}

/// <summary>
/// One import of one file. Every row read ends in exactly one outcome: accepted, accepted with a flag, or
/// rejected; so <c>RowsAccepted + RowsFlagged + RowsRejected = RowsRead</c> once the run has finished.
/// </summary>
public class ImportRun
{
    public int Id { get; set; }

    /// <summary>The file name as given (no directories: they may name people or machines).</summary>
    public required string Source { get; set; }

    public required string Format { get; set; }
    public ImportKind Kind { get; set; }

    /// <summary>SHA-256 of the file, so that importing the same file twice is recognised.</summary>
    public string? ContentHash { get; set; }

    public long FileBytes { get; set; }
    public string? Encoding { get; set; }
    public string? StartedBy { get; set; }

    public ImportStatus Status { get; set; } = ImportStatus.Running;
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long RowsRead { get; set; }
    public long RowsAccepted { get; set; }
    public long RowsRejected { get; set; }
    public long RowsFlagged { get; set; }

    /// <summary>For a failed run: what went wrong and whether re-running resumes it (see the importer).</summary>
    public string? Error { get; set; }

    public List<ImportRuleCount> RuleCounts { get; set; } = [];
    public List<ImportRejectedRow> RejectedRows { get; set; } = [];
}

/// <summary>How many rows one cleaning rule touched in one run (see <see cref="ImportRules"/>).</summary>
public class ImportRuleCount
{
    public long Id { get; set; }
    public int ImportRunId { get; set; }
    public required string Rule { get; set; }
    public long Rows { get; set; }
}

public enum ImportRowOutcome
{
    Rejected = 1,

    /// <summary>Kept, but a rule found it suspicious (e.g. an extreme price); listed so that people can check.</summary>
    Flagged = 2,
}

/// <summary>A row that was rejected or flagged, with its line number, the rule and the reason.</summary>
public class ImportRejectedRow
{
    public long Id { get; set; }
    public int ImportRunId { get; set; }
    public long LineNumber { get; set; }
    public ImportRowOutcome Outcome { get; set; } = ImportRowOutcome.Rejected;

    /// <summary>The rule's name from <see cref="ImportRules"/>.</summary>
    public string? Rule { get; set; }

    public required string Reason { get; set; }

    /// <summary>The raw line, truncated; may hold personal data and is cleared on erasure.</summary>
    public string? RawLine { get; set; }
}
