using Dashboard.Core.Persistence;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// The rows an importer writes in one transaction, and how it tells the engine what became of each. Every row must
/// be decided exactly once: <see cref="Accept"/> (optionally with descriptive rules such as return or anonymous),
/// <see cref="AlreadyImported"/>, or <see cref="Reject"/>. A flagged row that is accepted stays flagged. The
/// transaction may be retried (SQL Server's execution strategy): decisions are reset and the writer runs again on
/// an empty change tracker, so it must not change its own state except through <see cref="AfterCommit"/>.
/// </summary>
public sealed class ImportBatch<TRow>
    where TRow : class
{
    private readonly List<Action> _afterCommit = [];

    internal ImportBatch(DashboardDbContext db, IReadOnlyList<ImportRow<TRow>> rows)
    {
        Db = db;
        Rows = rows;
    }

    /// <summary>The run's context, inside the batch's transaction.</summary>
    public DashboardDbContext Db { get; }

    /// <summary>The rows to decide, in file order: parsed, not rejected by an earlier rule (they may be flagged).</summary>
    public IReadOnlyList<ImportRow<TRow>> Rows { get; }

    /// <summary>The row is imported; <paramref name="rules"/> describe it (e.g. <see cref="ImportRules.Return"/>).</summary>
    public void Accept(ImportRow<TRow> row, params string[] rules)
    {
        ArgumentNullException.ThrowIfNull(row);
        Decide(row, WriterDecision.Accepted);
        row.Tags = rules;
    }

    /// <summary>The row's natural key is already in the database: accepted, nothing written (<see cref="ImportRules.AlreadyImported"/>).</summary>
    public void AlreadyImported(ImportRow<TRow> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Decide(row, WriterDecision.AlreadyImported);
        row.Tags = [ImportRules.AlreadyImported];
    }

    /// <summary>The row is not imported, by <paramref name="rule"/> for <paramref name="reason"/>.</summary>
    public void Reject(ImportRow<TRow> row, string rule, string reason)
    {
        ArgumentNullException.ThrowIfNull(row);
        Decide(row, WriterDecision.Rejected);
        row.WriterRejection = ImportFinding.Reject(rule, reason);
    }

    /// <summary>Runs once the transaction has committed: the place to update caches the writer keeps across batches.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    internal void Reset()
    {
        _afterCommit.Clear();
        foreach (var row in Rows)
        {
            row.ResetDecision();
        }
    }

    internal void Committed()
    {
        foreach (var action in _afterCommit)
        {
            action();
        }
    }

    private static void Decide(ImportRow<TRow> row, WriterDecision decision)
    {
        if (row.Decision != WriterDecision.None)
        {
            throw new InvalidOperationException($"The row at line {row.LineNumber} was already decided ({row.Decision}).");
        }

        row.Decision = decision;
    }
}
