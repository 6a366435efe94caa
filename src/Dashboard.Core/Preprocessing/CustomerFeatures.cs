namespace Dashboard.Core.Preprocessing;

/// <summary>A category's share of a customer's purchased quantity (0..1).</summary>
public readonly record struct CategoryShare(string Category, double Share);

/// <summary>
/// One customer's feature row at a cut-off, computed only from orders placed strictly before it (see
/// <see cref="CustomerFeatureBuilder"/>). Amounts are exact decimals; values that do not exist for a customer who never
/// purchased before the cut-off are null rather than zero, so a model or a page cannot mistake "none" for "zero".
/// Returns count only in <see cref="ReturnAmount"/> (and what derives from it); every other purchase feature is over
/// purchase orders. Times are UTC, so <see cref="PreferredWeekday"/> and <see cref="PreferredHour"/> are UTC too.
/// </summary>
public sealed record CustomerFeatures
{
    public required int CustomerId { get; init; }

    /// <summary>
    /// The customer's personal data was erased. Their anonymised orders stay, so they keep their feature row (it feeds
    /// aggregates such as segment sizes and model training); anything addressed to a person must skip them.
    /// </summary>
    public required bool IsErased { get; init; }

    /// <summary>The cut-off the features were computed at: the reference date of recency and tenure.</summary>
    public required DateTime Cutoff { get; init; }

    /// <summary>Number of purchase orders (each order counts once, whatever its lines).</summary>
    public required int Frequency { get; init; }

    /// <summary>Sum of the purchase orders' totals (gross, before returns).</summary>
    public required decimal PurchaseRevenue { get; init; }

    /// <summary>Sum of the return orders' totals (a positive number).</summary>
    public required decimal ReturnAmount { get; init; }

    public required DateTime? FirstPurchaseAt { get; init; }
    public required DateTime? LastPurchaseAt { get; init; }

    /// <summary>Purchase orders in the last 30 days before the cut-off: [cut-off - 30 days, cut-off).</summary>
    public required int OrdersLast30Days { get; init; }

    /// <summary>Purchase orders in [cut-off - 90 days, cut-off).</summary>
    public required int OrdersLast90Days { get; init; }

    /// <summary>Distinct products across the purchase orders.</summary>
    public required int DistinctProducts { get; init; }

    /// <summary>
    /// Up to three categories with the largest purchased quantity, largest first (ties by category name, ordinal), each
    /// with its share of the customer's whole purchased quantity (so the shares sum to 1 only for up to three categories).
    /// </summary>
    public required IReadOnlyList<CategoryShare> TopCategories { get; init; }

    /// <summary>The weekday with the most purchase orders; ties go to the lowest <see cref="DayOfWeek"/> (Sunday = 0).</summary>
    public required DayOfWeek? PreferredWeekday { get; init; }

    /// <summary>The hour of day (0-23) with the most purchase orders; ties go to the earliest hour.</summary>
    public required int? PreferredHour { get; init; }

    public bool HasPurchased => Frequency > 0;

    /// <summary>Net value: purchases minus returns (can be negative when only returns fall before the cut-off).</summary>
    public decimal Monetary => PurchaseRevenue - ReturnAmount;

    /// <summary>Whole days from the last purchase to the cut-off; null when never purchased.</summary>
    public int? RecencyDays => LastPurchaseAt is { } last ? (Cutoff - last).Days : null;

    /// <summary>Whole days from the first purchase to the cut-off; null when never purchased.</summary>
    public int? TenureDays => FirstPurchaseAt is { } first ? (Cutoff - first).Days : null;

    /// <summary>Gross purchase revenue per purchase order; null when never purchased.</summary>
    public decimal? AverageOrderValue => Frequency > 0 ? PurchaseRevenue / Frequency : null;

    /// <summary>
    /// Returned amount / purchased amount (by value, not by order count: a partial return of a big order weighs what it
    /// is worth, and it matches <see cref="Monetary"/>). Null without purchase revenue. It can exceed 1 when the
    /// purchases that were returned fall before the data starts.
    /// </summary>
    public double? ReturnRate => PurchaseRevenue > 0 ? (double)(ReturnAmount / PurchaseRevenue) : null;

    public string? TopCategory => TopCategories.Count > 0 ? TopCategories[0].Category : null;
}

/// <summary>What a customer did in a label window (e.g. the 30 days after a feature cut-off).</summary>
public readonly record struct PurchaseLabel(int Orders, decimal Revenue, decimal ReturnAmount)
{
    public static PurchaseLabel None { get; } = new(0, 0m, 0m);

    public bool Purchased => Orders > 0;

    public decimal NetRevenue => Revenue - ReturnAmount;
}
