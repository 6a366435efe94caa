namespace Dashboard.Core.Privacy;

public enum ErasureOutcome
{
    Erased = 1,

    /// <summary>The customer was erased before; nothing was changed.</summary>
    AlreadyErased = 2,

    NotFound = 3,
}

/// <summary>
/// What an erasure changed, in counts only: the result is shown and logged, so it never holds the data it removed.
/// Orders, events, the profile, promo list entries, exposures and conversions are not counted: they stay, linked to
/// the anonymised customer, so that revenue, segment sizes and experiment results do not move.
/// </summary>
public sealed record ErasureResult(
    ErasureOutcome Outcome,
    int CustomerId,
    DateTime? ErasedAt = null,
    int RejectedImportRowsRedacted = 0,
    int SessionsRenamed = 0,
    int EventsRenamed = 0,
    int FreeTextFieldsRedacted = 0)
{
    public static ErasureResult NotFound(int customerId) => new(ErasureOutcome.NotFound, customerId);

    public static ErasureResult AlreadyErased(int customerId, DateTime? erasedAt) => new(ErasureOutcome.AlreadyErased, customerId, erasedAt);
}
