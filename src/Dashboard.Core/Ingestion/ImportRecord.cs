using System.Text;
using CsvHelper;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// The record being read, as an importer's <c>Parse</c> sees it: values by column (trimmed; empty when the column is
/// optional and not in the file), and the line it starts on. Valid only during the call it is passed to.
/// </summary>
public sealed class ImportRecord
{
    /// <summary>The longest raw line kept for a rejected or flagged row (the column's size).</summary>
    public const int MaxRawLineLength = 2000;

    private readonly CsvReader _reader;
    private readonly Dictionary<CsvColumn, int> _indexes;

    internal ImportRecord(CsvReader reader, Dictionary<CsvColumn, int> indexes)
    {
        _reader = reader;
        _indexes = indexes;
    }

    public long LineNumber => _reader.LineNumber;

    public string this[CsvColumn column] => _indexes.TryGetValue(column, out var index) ? _reader.GetString(index) : string.Empty;

    /// <summary>Whether the file has the column (optional columns may be missing).</summary>
    public bool Has(CsvColumn column) => _indexes.ContainsKey(column);

    /// <summary>All fields of the record, for exact-duplicate detection.</summary>
    internal string Fingerprint()
    {
        var text = new StringBuilder(128);
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            text.Append(_reader.GetString(i)).Append('\u001F');
        }

        return text.ToString();
    }

    internal string RawLine() => RawText(_reader.RawRecord);

    internal static string RawText(ReadOnlySpan<byte> raw)
    {
        // UTF-8 takes at most 4 bytes per UTF-16 code unit; decoding only the start keeps a huge record cheap.
        var text = Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, MaxRawLineLength * 4)]).TrimEnd('\r', '\n');
        return text.Length > MaxRawLineLength ? text[..MaxRawLineLength] : text;
    }
}
