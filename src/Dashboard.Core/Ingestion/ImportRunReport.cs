using System.Text.Json.Serialization;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// What an import did, for the CLI (<c>--json</c>), the Data page and logs. Every row read has one outcome, so
/// <c>Accepted + Rejected + Flagged = RowsRead</c>; <see cref="Rules"/> counts rows per rule (see
/// <see cref="ImportRules"/>), including the descriptive ones of accepted rows (return, anonymous,
/// already-imported). For a failed run the counts are those of the batches committed before the failure.
/// </summary>
public sealed record ImportRunReport
{
    public required int RunId { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ImportKind>))]
    public required ImportKind Kind { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ImportStatus>))]
    public required ImportStatus Status { get; init; }

    public required string Source { get; init; }
    public string? Encoding { get; init; }
    public long FileBytes { get; init; }
    public long RowsRead { get; init; }
    public long Accepted { get; init; }
    public long Rejected { get; init; }
    public long Flagged { get; init; }
    public long Duplicates { get; init; }
    public long Returns { get; init; }
    public long Anonymous { get; init; }
    public long AlreadyImported { get; init; }
    public double Seconds { get; init; }

    /// <summary>Rows per rule, by rule name, sorted by name.</summary>
    public IReadOnlyDictionary<string, long> Rules { get; init; } = new SortedDictionary<string, long>(StringComparer.Ordinal);

    /// <summary>For a failed run: what went wrong, where, what was committed, and that importing the file again resumes.</summary>
    public string? Error { get; init; }

    /// <summary>For a skipped run: the earlier run that imported the same file.</summary>
    public int? SameFileAsRunId { get; init; }

    internal static ImportRunReport From(ImportRun run, double seconds, int? sameFileAsRunId = null)
    {
        var rules = new SortedDictionary<string, long>(run.RuleCounts.ToDictionary(c => c.Rule, c => c.Rows), StringComparer.Ordinal);
        return new ImportRunReport
        {
            RunId = run.Id,
            Kind = run.Kind,
            Status = run.Status,
            Source = run.Source,
            Encoding = run.Encoding,
            FileBytes = run.FileBytes,
            RowsRead = run.RowsRead,
            Accepted = run.RowsAccepted,
            Rejected = run.RowsRejected,
            Flagged = run.RowsFlagged,
            Duplicates = rules.GetValueOrDefault(ImportRules.Duplicate),
            Returns = rules.GetValueOrDefault(ImportRules.Return),
            Anonymous = rules.GetValueOrDefault(ImportRules.Anonymous),
            AlreadyImported = rules.GetValueOrDefault(ImportRules.AlreadyImported),
            Seconds = Math.Round(seconds, 2),
            Rules = rules,
            Error = run.Error,
            SameFileAsRunId = sameFileAsRunId,
        };
    }
}
