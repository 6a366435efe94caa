namespace Dashboard.Core.Ingestion;

/// <summary>
/// The cleaning rules, by the names that import reports, the CLI's JSON and the Data page use. A rule either
/// decides a row's outcome (rejected or flagged) or describes an accepted row (a return, an anonymous order).
/// </summary>
public static class ImportRules
{
    /// <summary>Unparseable row: bad quoting, wrong field count, a value that is not a number or a date. Rejected.</summary>
    public const string Malformed = "malformed";

    /// <summary>A required field is empty. Rejected.</summary>
    public const string MissingField = "missing-field";

    /// <summary>An exact copy of an earlier row of the same file. Rejected (not imported twice).</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Price zero or below, or quantity zero. Rejected.</summary>
    public const string NonPositive = "non-positive";

    /// <summary>A price or quantity far from the typical (median absolute deviation rule). Kept, flagged.</summary>
    public const string Outlier = "outlier";

    /// <summary>A cancellation (invoice starting with "C" or a negative quantity): kept as a return, not a purchase.</summary>
    public const string Return = "return";

    /// <summary>No customer id: kept as anonymous activity, used for item statistics, not for profiles.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>A reference (product, customer, order) that is neither in the file nor in the database. Rejected.</summary>
    public const string UnknownReference = "unknown-reference";

    /// <summary>Already in the database (natural key): an overlapping export. Accepted, nothing changed.</summary>
    public const string AlreadyImported = "already-imported";

    /// <summary>The customer asked to be erased: their rows are not imported again. Rejected.</summary>
    public const string Erased = "erased";

    /// <summary>
    /// An upsert (customers, products) that changed a stored record: the row differs from what the database held for
    /// its key. Accepted; the stored fields now say what the row says.
    /// </summary>
    public const string Updated = "updated";

    /// <summary>An event time further ahead of the server's clock than the events API allows. Rejected.</summary>
    public const string Future = "future";

    /// <summary>One line per rule for reports and the Data page.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Malformed] = "Unparseable row (quoting, field count, number or date): rejected",
        [MissingField] = "A required field is empty: rejected",
        [Duplicate] = "Exact copy of an earlier row of the file: rejected",
        [NonPositive] = "Price zero or below, or quantity zero: rejected",
        [Outlier] = "Price or quantity far from the typical (median absolute deviation): kept, flagged",
        [Return] = "Cancellation or negative quantity: kept as a return, not a purchase",
        [Anonymous] = "No customer id: kept for item statistics, not for profiles",
        [UnknownReference] = "Refers to a product, customer or order that does not exist: rejected",
        [AlreadyImported] = "Already in the database (an overlapping export): nothing changed",
        [Erased] = "The customer asked to be erased: not imported again",
        [Updated] = "Changed a stored customer or product (same key, new values): accepted",
        [Future] = "An event time more than 5 minutes ahead of the server's clock: rejected",
    };

    public static string Describe(string rule) => Descriptions.TryGetValue(rule, out var text) ? text : rule;
}
