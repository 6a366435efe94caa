using System.Globalization;

namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>
/// How the product's own CSV formats (customers, products, orders, events) write values, and the rejections when a
/// value does not parse: dates as <c>yyyy-MM-dd</c>, <c>yyyy-MM-dd HH:mm:ss</c> or ISO 8601 with <c>Z</c> or an
/// offset (UTC when there is none); numbers with a dot for decimals and nothing else (no thousands separators,
/// currency signs or exponents); amounts to the cent; booleans as <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> or
/// <c>yes</c>/<c>no</c>. Each method returns null when the value is good, or the finding that rejects the row.
/// </summary>
internal static class OwnFormatValues
{
    /// <summary>Natural keys (customer id, SKU, invoice number) and countries: the columns' size.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>The largest amount decimal(18,2) holds, exclusive.</summary>
    private const decimal AmountLimit = 10_000_000_000_000_000m;

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>Rejects the row (missing-field) when any of the columns' values is empty, naming them all.</summary>
    public static ImportFinding? Required(ImportRecord record, params CsvColumn[] columns)
    {
        ArgumentNullException.ThrowIfNull(record);
        var empty = columns.Where(c => record[c].Length == 0).Select(c => c.Name).ToList();
        return empty.Count == 0
            ? null
            : ImportFinding.Reject(ImportRules.MissingField, $"Empty required field{(empty.Count > 1 ? "s" : "")}: {string.Join(", ", empty)}.");
    }

    /// <summary>Rejects the row (malformed) when the value is longer than the column holds.</summary>
    public static ImportFinding? Length(CsvColumn column, string value, int maxLength) =>
        value.Length <= maxLength
            ? null
            : ImportFinding.Reject(ImportRules.Malformed, string.Create(CultureInfo.InvariantCulture,
                $"{column.Name} is {value.Length} characters long; at most {maxLength} fit."));

    /// <summary>A date or time; UTC unless it says otherwise (<c>Z</c> or an offset, converted to UTC).</summary>
    public static ImportFinding? Date(CsvColumn column, string text, out DateTime utc) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc)
            ? null
            : ImportFinding.Reject(ImportRules.Malformed,
                $"{column.Name} '{Clip(text)}' is not a date: write yyyy-MM-dd, yyyy-MM-dd HH:mm:ss or ISO 8601 such as 2026-11-02T14:05:00Z.");

    public static ImportFinding? Boolean(CsvColumn column, string text, out bool value)
    {
        switch (text.ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES":
                value = true;
                return null;
            case "FALSE" or "0" or "NO":
                value = false;
                return null;
            default:
                value = false;
                return ImportFinding.Reject(ImportRules.Malformed, $"{column.Name} '{Clip(text)}' is not a boolean: write true/false, 1/0 or yes/no.");
        }
    }

    /// <summary>A price: a number above zero (non-positive otherwise) with at most two decimals (amounts are stored to the cent).</summary>
    public static ImportFinding? Amount(CsvColumn column, string text, out decimal value)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return ImportFinding.Reject(ImportRules.Malformed,
                $"{column.Name} '{Clip(text)}' is not a number: a dot for decimals, no thousands separators or currency sign.");
        }

        if (value <= 0)
        {
            return ImportFinding.Reject(ImportRules.NonPositive, string.Create(CultureInfo.InvariantCulture, $"{column.Name} {value} is not positive."));
        }

        if (decimal.Round(value, 2) != value)
        {
            return ImportFinding.Reject(ImportRules.Malformed,
                string.Create(CultureInfo.InvariantCulture, $"{column.Name} {value} has more than two decimals: amounts are stored to the cent."));
        }

        return value >= AmountLimit
            ? ImportFinding.Reject(ImportRules.Malformed, $"{column.Name} {Clip(text)} is too large.")
            : null;
    }

    /// <summary>A whole number, with a sign when negative.</summary>
    public static ImportFinding? WholeNumber(CsvColumn column, string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            ? null
            : ImportFinding.Reject(ImportRules.Malformed, $"{column.Name} '{Clip(text)}' is not a whole number.");

    /// <summary>A value quoted in a reason, cut short: reasons are stored, and a long value is usually a shifted column.</summary>
    public static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
