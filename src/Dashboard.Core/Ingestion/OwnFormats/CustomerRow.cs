namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>
/// One row of a customers file, parsed. For the optional fields, null means the column is not in the file (a stored
/// customer keeps that field), while an empty string or a value means the file says so (an empty name, e-mail or
/// phone clears it).
/// </summary>
/// <param name="CreatedAt">Null when the column is missing or the value empty: a new customer gets the import's time, a stored one keeps theirs.</param>
/// <param name="EmailOptIn">Null when the column is missing; an empty value is false (no consent unless the file says so).</param>
public sealed record CustomerRow(
    string CustomerId,
    string? FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string Country,
    DateTime? CreatedAt,
    bool? EmailOptIn,
    bool? PushOptIn,
    bool? AdsOptIn);
