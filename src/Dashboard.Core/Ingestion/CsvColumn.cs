using System.Text;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// A column an importer reads, by its header name and the other spellings it accepts. Header names match ignoring
/// case, spaces, underscores and hyphens, so "Customer ID", "customer_id" and "CustomerID" are the same column.
/// </summary>
public sealed record CsvColumn(string Name, bool Required = true, params string[] Aliases)
{
    /// <summary>The form header names are compared in: letters and digits only, lower case.</summary>
    public static string Normalize(string headerName)
    {
        ArgumentNullException.ThrowIfNull(headerName);
        var normalized = new StringBuilder(headerName.Length);
        foreach (var c in headerName)
        {
            if (char.IsLetterOrDigit(c))
            {
                normalized.Append(char.ToLowerInvariant(c));
            }
        }

        return normalized.ToString();
    }

    public bool Matches(string headerName)
    {
        var normalized = Normalize(headerName);
        return normalized == Normalize(Name) || Aliases.Any(a => normalized == Normalize(a));
    }

    public override string ToString() => Aliases.Length == 0 ? Name : $"{Name} (or {string.Join(", ", Aliases)})";
}
