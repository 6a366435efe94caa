namespace Dashboard.Core.Ingestion;

/// <summary>What a rule found about a row: it is rejected, or kept and flagged, by the rule, for the reason.</summary>
public sealed record ImportFinding(ImportRowOutcome Outcome, string Rule, string Reason)
{
    public static ImportFinding Reject(string rule, string reason) => new(ImportRowOutcome.Rejected, rule, reason);

    public static ImportFinding Flag(string rule, string reason) => new(ImportRowOutcome.Flagged, rule, reason);
}

/// <summary>The result of parsing one record: the row, or the finding that rejects it.</summary>
public readonly struct RowResult<TRow>
    where TRow : class
{
    private RowResult(TRow? row, ImportFinding? rejection)
    {
        Row = row;
        Rejection = rejection;
    }

    public TRow? Row { get; }

    public ImportFinding? Rejection { get; }

    public static implicit operator RowResult<TRow>(TRow row) => new(row ?? throw new ArgumentNullException(nameof(row)), null);

    public static implicit operator RowResult<TRow>(ImportFinding rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return rejection.Outcome == ImportRowOutcome.Rejected
            ? new(null, rejection)
            : throw new ArgumentException("Parsing rejects rows; flags are raised by screening.", nameof(rejection));
    }
}
