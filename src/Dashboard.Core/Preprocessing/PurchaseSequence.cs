namespace Dashboard.Core.Preprocessing;

/// <summary>One purchased order line in a customer's sequence.</summary>
public readonly record struct PurchaseStep(DateTime PlacedAt, int OrderId, int LineId, int ProductId, int Quantity);

/// <summary>A customer's purchases in a window, ordered by time, then order id, then line id.</summary>
public sealed record CustomerSequence(int CustomerId, IReadOnlyList<PurchaseStep> Steps);

/// <summary>
/// A customer's purchases split at a cut-off for temporal evaluation: <see cref="History"/> before it (what a model may
/// see), <see cref="HeldOut"/> in the window after it (what it should have predicted). Either part can be empty.
/// </summary>
public sealed record SequenceSplit(int CustomerId, IReadOnlyList<PurchaseStep> History, IReadOnlyList<PurchaseStep> HeldOut);

/// <summary>
/// How much a product sold in a window, anonymous orders included: <see cref="Orders"/> is the number of purchase
/// orders that contained it, <see cref="Quantity"/> the units.
/// </summary>
public sealed record ItemPopularity(int ProductId, string Category, bool IsActive, int Orders, int Quantity);
