using System.Diagnostics;
using System.Security.Cryptography;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// Imports a file with the importer registered for its kind (see <see cref="IngestionServiceCollectionExtensions.AddImporter{TImporter}"/>),
/// recording the run: a file whose content (SHA-256) was imported successfully before is skipped; otherwise the run is
/// created first (Running), the importer commits rows in batched transactions, and the run ends Succeeded or Failed
/// with its counts, rule counts and rejected and flagged rows. A failed run keeps what it had committed and says so;
/// importing the same file again resumes, because importers recognise committed rows by their natural keys.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<DashboardDbContext> contexts,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    /// <summary>Rows per transaction (a batch may run a little longer to keep an invoice whole).</summary>
    public int RowsPerBatch { get; set; } = 10_000;

    /// <summary>
    /// Imports <paramref name="filePath"/> (CSV, or gzip-compressed CSV). A file that cannot be imported (empty,
    /// binary, the wrong header, a broken row too large to be one) ends as a Failed run, returned with its error. A
    /// cancellation or an unexpected error (the database went away) also marks the run Failed, with what was committed,
    /// and is then rethrown.
    /// </summary>
    /// <param name="sourceName">The name to record, usually the uploaded or given file name; directories are dropped.</param>
    public async Task<ImportRunReport> ImportAsync(
        ImportKind kind,
        string filePath,
        string sourceName,
        string? startedBy,
        IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var importer = services.GetKeyedService<FileImporter>(kind)
            ?? throw new ArgumentException($"No importer is registered for {kind} files.", nameof(kind));
        var file = new FileInfo(filePath);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"There is no file '{filePath}'.", filePath);
        }

        var stopwatch = Stopwatch.StartNew();
        var hash = await HashAsync(filePath, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = new ImportRun
        {
            Source = Truncate(Path.GetFileName(sourceName.Trim()), 400),
            Format = Truncate(importer.Format, 40),
            Kind = kind,
            ContentHash = hash,
            FileBytes = file.Length,
            StartedBy = startedBy is null ? null : Truncate(startedBy, 256),
            StartedAt = clock.GetUtcNow().UtcDateTime,
            Status = ImportStatus.Running,
        };

        var previous = await db.ImportRuns.AsNoTracking()
            .Where(r => r.Kind == kind && r.ContentHash == hash && r.Status == ImportStatus.Succeeded)
            .OrderBy(r => r.Id)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(ct);
        if (previous is { } sameFile)
        {
            run.Status = ImportStatus.Skipped;
            run.FinishedAt = run.StartedAt;
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Import of {Source} skipped: run {Run} imported the same file", run.Source, sameFile);
            return ImportRunReport.From(run, stopwatch.Elapsed.TotalSeconds, sameFile);
        }

        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        ImportExecution? execution = null;
        try
        {
            var source = ImportSource.Inspect(filePath);
            await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Encoding, source.EncodingName)
                .SetProperty(r => r.Format, Truncate(source.IsGzip ? importer.Format + " (gzip)" : importer.Format, 40)), ct);
            execution = new ImportExecution(db, run.Id, source, RowsPerBatch, progress);
            await importer.RunAsync(execution, ct);
        }
        catch (ImportFileException e)
        {
            var error = execution?.FailureMessage(e.Message, e.LineNumber) ?? e.Message.TrimEnd('.') + ". Nothing was imported.";
            logger.LogWarning("Import run {Run} of {Source} failed: {Error}", run.Id, run.Source, error);
            return await FinishAsync(run.Id, execution?.Committed, error, stopwatch);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FinishAsync(run.Id, execution?.Committed, Failure(execution, "The import was cancelled"), stopwatch);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import run {Run} of {Source} failed", run.Id, run.Source);
            await FinishAsync(run.Id, execution?.Committed, Failure(execution, $"The import failed: {e.Message}"), stopwatch);
            throw;
        }

        return await FinishAsync(run.Id, execution.Committed, null, stopwatch);
    }

    /// <summary>The report of an earlier run, from what the database recorded.</summary>
    public async Task<ImportRunReport?> GetReportAsync(int runId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().Include(r => r.RuleCounts).SingleOrDefaultAsync(r => r.Id == runId, ct);
        return run is null ? null : ImportRunReport.From(run, ((run.FinishedAt ?? clock.GetUtcNow().UtcDateTime) - run.StartedAt).TotalSeconds);
    }

    private static string Failure(ImportExecution? execution, string cause) =>
        execution?.FailureMessage(cause, execution.CurrentLine) ?? cause + ". Nothing was imported.";

    /// <summary>Writes the run's final state with a fresh context: the run's own may have been left mid-transaction.</summary>
    private async Task<ImportRunReport> FinishAsync(int runId, ImportTally? committed, string? error, Stopwatch stopwatch)
    {
        committed ??= new ImportTally();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var run = await db.ImportRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
        run.Status = error is null ? ImportStatus.Succeeded : ImportStatus.Failed;
        run.Error = error;
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        run.RowsRead = committed.RowsRead;
        run.RowsAccepted = committed.Accepted;
        run.RowsRejected = committed.Rejected;
        run.RowsFlagged = committed.Flagged;
        run.RuleCounts = committed.Rules.Select(r => new ImportRuleCount { ImportRunId = runId, Rule = r.Key, Rows = r.Value }).ToList();
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation(
            "Import run {Run} of {Source}: {Status}, {Read} rows read, {Accepted} accepted, {Rejected} rejected, {Flagged} flagged in {Seconds:0.0} s",
            run.Id, run.Source, run.Status, run.RowsRead, run.RowsAccepted, run.RowsRejected, run.RowsFlagged, stopwatch.Elapsed.TotalSeconds);
        return ImportRunReport.From(run, stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task<string> HashAsync(string filePath, CancellationToken ct)
    {
        await using var stream = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static string Truncate(string text, int length) =>
        text.Length <= length ? text : text[..length];
}
