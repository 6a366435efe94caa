using System.Globalization;
using Dashboard.Core.Persistence;
using Dashboard.Core.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// One run of an importer over one file: the run's context, what has been committed so far, and the parts of a
/// batch commit that do not depend on the row type (the erasure check, the stored rejected and flagged rows, the run's
/// running counts).
/// </summary>
internal sealed class ImportExecution
{
    /// <summary>The longest reason stored with a rejected or flagged row (the column's size).</summary>
    private const int MaxReasonLength = 400;

    private const string ErasedReason = "The customer of this row asked to be erased: their rows are not imported again, and the line is not stored.";

    private readonly Dictionary<string, bool> _erasedVerdicts = new(StringComparer.Ordinal);
    private readonly BulkInsert<ImportRejectedRow> _rejectedRows;

    public ImportExecution(DashboardDbContext db, int runId, ImportSource source, int rowsPerBatch, IProgress<ImportProgress>? progress)
    {
        Db = db;
        RunId = runId;
        Source = source;
        RowsPerBatch = rowsPerBatch;
        Progress = progress;
        _rejectedRows = new BulkInsert<ImportRejectedRow>(db);
    }

    public DashboardDbContext Db { get; }
    public int RunId { get; }
    public ImportSource Source { get; }
    public int RowsPerBatch { get; }
    public IProgress<ImportProgress>? Progress { get; }

    /// <summary>Counts of the rows committed so far: what stays if the run fails now.</summary>
    public ImportTally Committed { get; } = new();

    /// <summary>The last line of the last committed batch (0 before the first commit).</summary>
    public long CommittedThroughLine { get; private set; }

    /// <summary>The line of the record read last, for error messages.</summary>
    public long CurrentLine { get; set; }

    /// <summary>The lines of the batch being committed, while it is: a failure then is about them.</summary>
    public (long First, long Last)? Committing { get; set; }

    /// <summary>Whether the importer reads the file twice (a statistics pass first), for progress fractions.</summary>
    public bool TwoPasses { get; set; }

    public void ReportProgress(string stage, long rows, double fileFraction)
    {
        // The statistics pass only reads and is about a tenth of the work.
        var fraction = !TwoPasses ? fileFraction : stage == ImportProgress.Scanning ? 0.1 * fileFraction : 0.1 + (0.9 * fileFraction);
        Progress?.Report(new ImportProgress(stage, rows, Math.Clamp(fraction, 0, 1)));
    }

    /// <summary>Marks the rows of erased people as rejected (rule erased) and drops their raw lines.</summary>
    public async Task ApplyErasuresAsync<TRow>(IReadOnlyList<ImportRow<TRow>> rows, CancellationToken ct)
        where TRow : class
    {
        var unknown = rows.Where(r => r.Subjects is not null).SelectMany(r => r.Subjects!)
            .Where(s => !_erasedVerdicts.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            var hashes = unknown.ToDictionary(s => s, ErasedIdentifier.HashOf, StringComparer.Ordinal);
            var hashList = hashes.Values.Distinct(StringComparer.Ordinal).ToList();
            var erased = (await Db.ErasedIdentifiers.AsNoTracking().Where(e => EF.Parameter(hashList).Contains(e.Hash)).Select(e => e.Hash).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var (subject, hash) in hashes)
            {
                _erasedVerdicts[subject] = erased.Contains(hash);
            }
        }

        foreach (var row in rows)
        {
            if (row.Subjects is { } subjects && subjects.Any(s => _erasedVerdicts[s]))
            {
                row.Finding = ImportFinding.Reject(ImportRules.Erased, ErasedReason);
                row.KeepRawLine = false;
            }
        }
    }

    /// <summary>
    /// Within the batch's transaction: counts the rows' outcomes, stores the rejected and flagged ones and the run's new
    /// running totals. Returns the batch's counts, which join <see cref="Committed"/> once the transaction commits.
    /// </summary>
    public async Task<ImportTally> StoreOutcomesAsync<TRow>(IReadOnlyList<ImportRow<TRow>> rows, string importerName, CancellationToken ct)
        where TRow : class
    {
        var tally = new ImportTally();
        var listed = new List<ImportRejectedRow>();
        foreach (var row in rows)
        {
            var finding = Outcome(row, importerName);
            tally.Count(finding?.Outcome, finding?.Rule, row.Tags);
            if (finding is not null)
            {
                listed.Add(new ImportRejectedRow
                {
                    ImportRunId = RunId,
                    LineNumber = row.LineNumber,
                    Outcome = finding.Outcome,
                    Rule = finding.Rule,
                    Reason = finding.Reason.Length > MaxReasonLength ? finding.Reason[..(MaxReasonLength - 1)] + "…" : finding.Reason,
                    RawLine = row.KeepRawLine ? row.RawLine : null,
                });
            }
        }

        await _rejectedRows.InsertAsync(listed, ct);
        var totals = new ImportTally();
        totals.Add(Committed);
        totals.Add(tally);
        await Db.ImportRuns.Where(r => r.Id == RunId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.RowsRead, totals.RowsRead)
            .SetProperty(r => r.RowsAccepted, totals.Accepted)
            .SetProperty(r => r.RowsRejected, totals.Rejected)
            .SetProperty(r => r.RowsFlagged, totals.Flagged), ct);
        return tally;
    }

    public void BatchCommitted(ImportTally tally, long lastLine)
    {
        Committed.Add(tally);
        CommittedThroughLine = Math.Max(CommittedThroughLine, lastLine);
    }

    /// <summary>The run's error: what went wrong and where, what was committed, and that importing the file again resumes.</summary>
    public string FailureMessage(string cause, long? line)
    {
        var at = Committing is { } batch
            ? string.Create(CultureInfo.InvariantCulture, $" (while committing lines {batch.First:N0}–{batch.Last:N0})")
            : line is > 0 ? string.Create(CultureInfo.InvariantCulture, $" (at line {line:N0})") : string.Empty;
        var text = cause.TrimEnd('.') + at + ".";
        if (Committed.RowsRead == 0)
        {
            return text + " Nothing was imported.";
        }

        return text + string.Create(CultureInfo.InvariantCulture,
            $" {Committed.RowsRead:N0} rows up to line {CommittedThroughLine:N0} had been committed ({Committed.Accepted:N0} accepted, " +
            $"{Committed.Rejected:N0} rejected, {Committed.Flagged:N0} flagged) and stay; nothing after line {CommittedThroughLine:N0} was imported. " +
            $"The import is resumable: import the same file again, and the rows already committed are recognised by their keys " +
            $"(counted as already-imported) while the rest are imported.");
    }

    private static ImportFinding? Outcome<TRow>(ImportRow<TRow> row, string importerName)
        where TRow : class
    {
        if (!row.IsParsed)
        {
            return row.Finding;
        }

        return row.Decision switch
        {
            WriterDecision.Rejected => row.WriterRejection,
            WriterDecision.AlreadyImported => null,
            WriterDecision.Accepted => row.Flag,
            _ => throw new InvalidOperationException($"{importerName} left the row at line {row.LineNumber} undecided."),
        };
    }
}
