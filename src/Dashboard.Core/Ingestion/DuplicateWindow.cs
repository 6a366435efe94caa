namespace Dashboard.Core.Ingestion;

/// <summary>
/// Finds exact duplicates (every field equal to an earlier row) with bounded memory. An exact duplicate has the same
/// scope as its original (for Online Retail, the invoice number, which is one of its fields), and exports keep a
/// scope's rows together, so fingerprints are kept per scope for the most recent scopes only, up to
/// <see cref="Capacity"/> rows; the oldest scopes are forgotten first. A duplicate of a row in a scope forgotten long
/// ago would be missed; in the UCI file no scope reappears more than two scopes later, and the window holds about a
/// thousand typical invoices.
/// </summary>
internal sealed class DuplicateWindow
{
    public const int Capacity = 20_000;

    private readonly Dictionary<string, HashSet<string>> _byScope = new(StringComparer.Ordinal);
    private readonly Queue<string> _scopes = new();
    private int _rows;

    /// <summary>Remembers the row; true when the same scope already had an equal one.</summary>
    public bool IsDuplicate(string scope, string fingerprint)
    {
        if (!_byScope.TryGetValue(scope, out var rows))
        {
            rows = new HashSet<string>(StringComparer.Ordinal);
            _byScope.Add(scope, rows);
            _scopes.Enqueue(scope);
        }

        if (!rows.Add(fingerprint))
        {
            return true;
        }

        _rows++;
        while (_rows > Capacity && _scopes.Count > 1 && _scopes.Peek() != scope)
        {
            var oldest = _scopes.Dequeue();
            _rows -= _byScope[oldest].Count;
            _byScope.Remove(oldest);
        }

        return false;
    }
}
