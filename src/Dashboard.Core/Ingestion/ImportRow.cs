namespace Dashboard.Core.Ingestion;

/// <summary>
/// One row of a batch as an importer's writer sees it: the parsed value, where it came from, and whether screening
/// flagged it. The writer decides it through <see cref="ImportBatch{TRow}"/>.
/// </summary>
public sealed class ImportRow<TRow>
    where TRow : class
{
    private static readonly string[] NoTags = [];

    internal ImportRow(long lineNumber, string rawLine, TRow? value, ImportFinding? finding, string[]? subjects)
    {
        LineNumber = lineNumber;
        RawLine = rawLine;
        Value = value!;
        Finding = finding;
        Subjects = subjects;
    }

    /// <summary>The line of the file where the row starts (the header is line 1).</summary>
    public long LineNumber { get; }

    public TRow Value { get; }

    /// <summary>Set when screening flagged the row (e.g. an outlier): it is kept, and listed with its rule and reason.</summary>
    public ImportFinding? Flag => Finding?.Outcome == ImportRowOutcome.Flagged ? Finding : null;

    internal string RawLine { get; }

    /// <summary>Rejection or flag found before the writer saw the row (malformed, duplicate, erased, a parse or screen rule).</summary>
    internal ImportFinding? Finding { get; set; }

    /// <summary>Values that may identify a person (customer ids), checked against the erasure list.</summary>
    internal string[]? Subjects { get; }

    /// <summary>False once the row is known to belong to an erased person: its raw line is then not stored.</summary>
    internal bool KeepRawLine { get; set; } = true;

    internal bool IsParsed => Finding?.Outcome != ImportRowOutcome.Rejected;

    internal WriterDecision Decision { get; set; }
    internal ImportFinding? WriterRejection { get; set; }
    internal string[] Tags { get; set; } = NoTags;

    internal void ResetDecision()
    {
        Decision = WriterDecision.None;
        WriterRejection = null;
        Tags = NoTags;
    }
}

internal enum WriterDecision
{
    None,
    Accepted,
    AlreadyImported,
    Rejected,
}
