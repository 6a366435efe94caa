using System.Globalization;
using CsvHelper;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Persistence;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

public sealed record ImportRuleRow(string Rule, string Description, long Rows);

public sealed record ImportReportView(
    ImportRunRow Run,
    ImportKind Kind,
    string? Encoding,
    long FileBytes,
    string? StartedBy,
    IReadOnlyList<ImportRuleRow> Rules)
{
    /// <summary>Every row read has exactly one outcome; a finished run whose numbers do not add up is a bug worth showing.</summary>
    public bool AddsUp => Run.RowsAccepted + Run.RowsFlagged + Run.RowsRejected == Run.RowsRead;
}

public sealed record ImportRowView(long LineNumber, ImportRowOutcome Outcome, string? Rule, string Reason, string? RawLine);

public sealed record ImportRowPage(IReadOnlyList<ImportRowView> Rows, int TotalCount, bool RawLinesShown);

/// <summary>One import run's report: counts per rule, and its rejected and flagged rows (raw lines only for roles with personal data).</summary>
public sealed class ImportReportService(IDbContextFactory<DashboardDbContext> contexts, CurrentStaff staff)
{
    public const int MaxPageSize = 200;

    public async Task<ImportReportView?> LoadAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().Include(r => r.RuleCounts).SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return null;
        }

        var rules = run.RuleCounts
            .OrderByDescending(r => r.Rows).ThenBy(r => r.Rule, StringComparer.Ordinal)
            .Select(r => new ImportRuleRow(r.Rule, ImportRules.Describe(r.Rule), r.Rows))
            .ToList();
        var row = new ImportRunRow(run.Id, run.Source, run.Format, run.Status, run.StartedAt, run.FinishedAt,
            run.RowsRead, run.RowsAccepted, run.RowsRejected, run.RowsFlagged, run.Error);
        return new ImportReportView(row, run.Kind, run.Encoding, run.FileBytes, run.StartedBy, rules);
    }

    public async Task<ImportRowPage> RowsAsync(int runId, ImportRowOutcome? outcome, int page, int pageSize, CancellationToken ct = default)
    {
        var reveal = await staff.CanSeePersonalDataAsync();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportRunId == runId);
        if (outcome is { } wanted)
        {
            rows = rows.Where(r => r.Outcome == wanted);
        }

        var total = await rows.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = await rows.OrderBy(r => r.LineNumber).ThenBy(r => r.Id)
            .Skip(Math.Max(page, 0) * size).Take(size)
            .Select(r => new ImportRowView(r.LineNumber, r.Outcome, r.Rule, r.Reason, reveal ? r.RawLine : null))
            .ToListAsync(ct);
        return new ImportRowPage(items, total, reveal);
    }

    /// <summary>
    /// Every rejected and flagged row as CSV, streamed. Cells that a spreadsheet would run as a formula
    /// (starting with = + - @, tab or carriage return) are escaped, because raw lines come from outside.
    /// </summary>
    public async Task WriteRowsCsvAsync(int runId, Stream destination, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A byte order mark, so that spreadsheets open the UTF-8 file as UTF-8.
        await using var csv = CsvWriter.Create(destination, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        await csv.WriteRecordAsync(["line", "outcome", "rule", "reason", "raw_line"], ct);
        var rows = db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportRunId == runId).OrderBy(r => r.LineNumber).ThenBy(r => r.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            await csv.WriteRecordAsync([row.LineNumber.ToString(CultureInfo.InvariantCulture), row.Outcome.ToString(), row.Rule ?? "", row.Reason, row.RawLine ?? ""], ct);
        }

        await csv.FlushAsync(ct);
    }
}
