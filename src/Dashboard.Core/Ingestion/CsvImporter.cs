using System.Globalization;
using CsvHelper;
using Dashboard.Core.Persistence;
using Dashboard.Core.Privacy;

namespace Dashboard.Core.Ingestion;

/// <summary>An importer of one kind of file; <see cref="ImportService"/> runs it. Derive from <see cref="CsvImporter{TRow}"/>.</summary>
public abstract class FileImporter
{
    private protected FileImporter()
    {
    }

    public abstract ImportKind Kind { get; }

    /// <summary>The format's name as import runs record it, e.g. "Online Retail CSV".</summary>
    public abstract string Format { get; }

    internal abstract Task RunAsync(ImportExecution execution, CancellationToken ct);
}

/// <summary>
/// The import engine for a CSV format: streams the file with CsvHelper, and gives every record read exactly one
/// outcome (accepted, flagged and kept, or rejected), committing rows in batched transactions. An importer says which
/// columns it reads (<see cref="Columns"/>), how a record becomes a row (<see cref="Parse"/>), and how a batch of rows
/// is written (<see cref="WriteBatchAsync"/>); it may add a statistics pass, screening (flags), exact-duplicate
/// detection and the customer id checked against the erasure list. The engine does the rest, in this order:
/// <list type="number">
/// <item>malformed records (bad quoting, wrong number of fields, a truncated last line) are rejected as malformed;</item>
/// <item>exact duplicates of an earlier record in the same <see cref="DuplicateScope"/> are rejected as duplicate;</item>
/// <item><see cref="Parse"/> turns the record into a row or rejects it (missing-field, malformed, non-positive, ...);</item>
/// <item><see cref="Screen"/> may flag the row (outlier) or reject it;</item>
/// <item>at the batch, rows whose <see cref="SubjectId"/> was erased are rejected as erased, whatever else was found
/// (and their raw lines are not stored), then <see cref="WriteBatchAsync"/> decides the rest.</item>
/// </list>
/// An instance serves one run (the service resolves a new one each time), so it may keep caches in fields; update
/// them only in <see cref="ImportBatch{TRow}.AfterCommit"/>.
/// </summary>
public abstract class CsvImporter<TRow> : FileImporter
    where TRow : class
{
    /// <summary>
    /// The largest record the reader accepts, in bytes. No row of a sensible CSV format comes close; a longer one is a
    /// damaged file, a field that never ends, or a quote that is never closed, and stops the import with a clear error
    /// instead of growing memory.
    /// </summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>The columns read, in the order of the expected header; required ones must be in the header.</summary>
    public abstract IReadOnlyList<CsvColumn> Columns { get; }

    /// <summary>
    /// Whether a quoted value may span lines (RFC 4180). Off means every line break ends a record, so that one bad quote
    /// costs one row instead of swallowing the rest of the file; right for formats whose values are single-line.
    /// </summary>
    protected virtual bool AllowLineBreaksInQuotes => true;

    /// <summary>Whether <see cref="Observe"/> should see every parsed row in a first pass over the file.</summary>
    protected virtual bool UsesStatisticsPass => false;

    /// <summary>Turns a record into a row, or rejects it with a rule and a reason.</summary>
    protected abstract RowResult<TRow> Parse(ImportRecord record);

    /// <summary>The first pass: sees every parsed, non-duplicate row (only when <see cref="UsesStatisticsPass"/>).</summary>
    protected virtual void Observe(TRow row)
    {
    }

    /// <summary>Called between the passes, to turn what <see cref="Observe"/> saw into the statistics <see cref="Screen"/> uses.</summary>
    protected virtual void EndStatisticsPass()
    {
    }

    /// <summary>Rules that judge a parsed row in file order, before batching: flag it, reject it, or null to let it through.</summary>
    protected virtual ImportFinding? Screen(TRow row) => null;

    /// <summary>
    /// Exact duplicates are looked for within the same scope (see <see cref="DuplicateWindow"/>); null (the default)
    /// turns duplicate detection off. A constant scope looks across the whole file, with memory growing with it.
    /// </summary>
    protected virtual string? DuplicateScope(ImportRecord record) => null;

    /// <summary>The customer id of the record, as stored (normalised), checked against the erasure list; null when none.</summary>
    protected virtual string? SubjectId(ImportRecord record) => null;

    /// <summary>
    /// The shop session the record belongs to, when the format has one: sessions of an erased customer are on the
    /// erasure list too (renamed in the database), so an old file cannot bring their original ids back.
    /// </summary>
    protected virtual string? SessionSubject(ImportRecord record) => null;

    /// <summary>
    /// Rows with the same key are kept in one batch when they are adjacent (e.g. the lines of one invoice), up to four
    /// times the batch size. Null (the default) lets a batch end at any row.
    /// </summary>
    protected virtual string? BatchKey(TRow row) => null;

    /// <summary>Writes a batch, inside its transaction, and decides every row of it (see <see cref="ImportBatch{TRow}"/>).</summary>
    protected abstract Task WriteBatchAsync(ImportBatch<TRow> batch, CancellationToken ct);

    internal sealed override async Task RunAsync(ImportExecution execution, CancellationToken ct)
    {
        execution.TwoPasses = UsesStatisticsPass;
        if (UsesStatisticsPass)
        {
            await ReadAsync(execution, statisticsPass: true, ct);
            EndStatisticsPass();
        }

        await ReadAsync(execution, statisticsPass: false, ct);
    }

    private async Task ReadAsync(ImportExecution execution, bool statisticsPass, CancellationToken ct)
    {
        var stage = statisticsPass ? ImportProgress.Scanning : ImportProgress.Importing;
        using var source = execution.Source.Open();
        var malformed = new Queue<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,
            TrimWhitespace = true,
            TrimInsideQuotes = true,
            AllowLineBreaksInQuotes = AllowLineBreaksInQuotes,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = malformed.Enqueue,
        };
        using var csv = CsvReader.Create(source.Text, options);
        var record = new ImportRecord(csv, await ReadHeaderAsync(csv, ct));
        var duplicates = new DuplicateWindow();
        var pending = new List<ImportRow<TRow>>();
        string? lastKey = null;
        long rows = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            bool more;
            try
            {
                more = await csv.ReadAsync(ct);
            }
            catch (CsvFormatException e)
            {
                throw new ImportFileException(
                    e.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
                        ? string.Create(CultureInfo.InvariantCulture,
                            $"A row longer than {MaxRecordBytes / 1024 / 1024} MiB starts here: no row of this format is anywhere near that long, so the file " +
                            $"is damaged or not this format (a field that never ends, or a quote that is never closed, can make the rest of a file one row). " +
                            $"Fix or remove that line")
                        : $"The file cannot be read as CSV: {e.Message}", e)
                {
                    LineNumber = e.LineNumber > 0 ? e.LineNumber : execution.CurrentLine + 1,
                };
            }

            while (malformed.TryDequeue(out var bad))
            {
                rows++;
                execution.CurrentLine = bad.LineNumber;
                if (!statisticsPass)
                {
                    pending.Add(MalformedRow(bad, csv));
                }
            }

            if (!more)
            {
                break;
            }

            rows++;
            execution.CurrentLine = csv.LineNumber;
            var row = Read(record, duplicates, statisticsPass);
            if (statisticsPass)
            {
                if (rows % 50_000 == 0)
                {
                    execution.ReportProgress(stage, rows, source.Fraction);
                }

                continue;
            }

            var key = row.IsParsed ? BatchKey(row.Value) : null;
            if (row.IsParsed && key != lastKey && pending.Count >= execution.RowsPerBatch)
            {
                await FlushAsync(execution, pending, ct);
                execution.ReportProgress(stage, rows, source.Fraction);
            }

            pending.Add(row);
            lastKey = row.IsParsed ? key : lastKey;
            if (pending.Count >= execution.RowsPerBatch * 4)
            {
                await FlushAsync(execution, pending, ct);
                execution.ReportProgress(stage, rows, source.Fraction);
            }
        }

        if (!statisticsPass)
        {
            await FlushAsync(execution, pending, ct);
        }

        execution.ReportProgress(stage, rows, 1);
    }

    private ImportRow<TRow> Read(ImportRecord record, DuplicateWindow duplicates, bool statisticsPass)
    {
        var line = record.LineNumber;
        var subject = SubjectId(record);
        var session = SessionSubject(record) is { Length: > 0 } id ? ErasedIdentifier.SessionPrefix + id : null;
        string[]? subjects = (subject, session) switch
        {
            (null, null) => null,
            (not null, null) => [subject],
            (null, not null) => [session],
            _ => [subject, session],
        };
        if (DuplicateScope(record) is { } scope && duplicates.IsDuplicate(scope, record.Fingerprint()))
        {
            return new ImportRow<TRow>(line, statisticsPass ? string.Empty : record.RawLine(), null,
                ImportFinding.Reject(ImportRules.Duplicate, "An exact copy of an earlier row of this file (every field equal)."), subjects);
        }

        var parsed = Parse(record);
        var rawLine = statisticsPass ? string.Empty : record.RawLine();
        if (parsed.Row is not { } value)
        {
            return new ImportRow<TRow>(line, rawLine, null, parsed.Rejection, subjects);
        }

        if (statisticsPass)
        {
            Observe(value);
            return new ImportRow<TRow>(line, rawLine, value, null, subjects);
        }

        return new ImportRow<TRow>(line, rawLine, value, Screen(value), subjects);
    }

    private async Task FlushAsync(ImportExecution execution, List<ImportRow<TRow>> pending, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }

        execution.Committing = (pending[0].LineNumber, pending[^1].LineNumber);
        await execution.ApplyErasuresAsync(pending, ct);
        var batch = new ImportBatch<TRow>(execution.Db, pending.Where(r => r.IsParsed).ToList());
        var tally = await execution.Db.InTransactionAsync(async token =>
        {
            batch.Reset();
            await WriteBatchAsync(batch, token);
            return await execution.StoreOutcomesAsync(pending, GetType().Name, token);
        }, ct);
        execution.Db.ChangeTracker.Clear();
        batch.Committed();
        execution.BatchCommitted(tally, pending[^1].LineNumber);
        execution.Committing = null;
        pending.Clear();
    }

    private async Task<Dictionary<CsvColumn, int>> ReadHeaderAsync(CsvReader csv, CancellationToken ct)
    {
        try
        {
            await csv.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException e)
        {
            throw new ImportFileException($"The header (the first line) cannot be read as CSV: {e.Message}", e) { LineNumber = 1 };
        }

        var headers = csv.Headers;
        var indexes = new Dictionary<CsvColumn, int>();
        foreach (var column in Columns)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (column.Matches(headers[i]))
                {
                    indexes[column] = i;
                    break;
                }
            }
        }

        var missing = Columns.Where(c => c.Required && !indexes.ContainsKey(c)).ToList();
        if (headers.Count == 0 || missing.Count > 0)
        {
            var found = string.Join(",", headers);
            var aliases = Columns.Where(c => c.Aliases.Length > 0).Select(c => $"{string.Join(" or ", c.Aliases)} for {c.Name}").ToList();
            throw new ImportFileException(
                $"The header does not match the {Format} format: it lacks the column{(missing.Count == 1 ? "" : "s")} " +
                $"{string.Join(", ", missing.Select(c => c.Name))}. Expected a first line like: {string.Join(",", Columns.Select(c => c.Name))}" +
                (aliases.Count > 0 ? $" (also accepted: {string.Join("; ", aliases)})" : "") +
                $". Found: {(found.Length > 300 ? found[..300] + "…" : found)}")
            {
                LineNumber = 1,
            };
        }

        return indexes;
    }

    private ImportRow<TRow> MalformedRow(CsvMalformedRecord bad, CsvReader csv)
    {
        var raw = bad.RawRecord ?? string.Empty;
        var reason = bad.Reason switch
        {
            CsvMalformedReason.FieldCountMismatch => string.Create(CultureInfo.InvariantCulture,
                $"Has {CountFields(raw, csv.Separator)} fields where the header has {csv.Headers.Count}: a truncated line, or a separator inside a value that is not quoted."),
            CsvMalformedReason.StrayQuote => "A quote inside a value that is not quoted (a value with quotes must be quoted, each quote doubled).",
            CsvMalformedReason.TextAfterClosingQuote => "Text after the closing quote of a quoted value.",
            CsvMalformedReason.UnterminatedQuote when AllowLineBreaksInQuotes =>
                "A quoted value is never closed: the row runs to the end of the file (a truncated file, or an unbalanced quote).",
            CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes =>
                "A quoted value is not closed before the end of the line (an unbalanced quote, or a truncated line; values of this format are one line each).",
            _ => $"Malformed CSV ({bad.Reason}).",
        };
        var text = raw.TrimEnd('\r', '\n');
        var rawLine = text.Length > ImportRecord.MaxRawLineLength ? text[..ImportRecord.MaxRawLineLength] : text;
        return new ImportRow<TRow>(bad.LineNumber, rawLine, null, ImportFinding.Reject(ImportRules.Malformed, reason), Tokens(text, csv.Separator));
    }

    private static int CountFields(string raw, char separator)
    {
        var fields = 1;
        var quoted = false;
        foreach (var c in raw)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                fields++;
            }
        }

        return fields;
    }

    /// <summary>
    /// Every value of a malformed line, for the erasure check: the customer id cannot be told apart in a line that does
    /// not parse, so any value that is an erased id makes the line an erased person's.
    /// </summary>
    private static string[] Tokens(string raw, char separator)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in raw.Split([separator, '\n', '\r']))
        {
            var token = part.Trim().Trim('"').Trim();
            if (token.Length is > 0 and <= 64)
            {
                tokens.Add(token.EndsWith(".0", StringComparison.Ordinal) ? token[..^2] : token);
            }
        }

        return [.. tokens];
    }
}
