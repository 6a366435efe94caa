using Dashboard.Core.Orders;

namespace Dashboard.Core.Preprocessing;

/// <summary>
/// A half-open time range [<see cref="From"/>, <see cref="Before"/>) of order placement times (UTC); a null end is
/// unbounded. Every preprocessing query takes one, so a model trained on data before a cut-off and evaluated on data
/// after it never sees the same order twice.
/// </summary>
public readonly record struct PurchaseWindow(DateTime? From, DateTime? Before)
{
    /// <summary>All data before <paramref name="cutoff"/>: what features and training may see.</summary>
    public static PurchaseWindow BeforeCutoff(DateTime cutoff) => new(null, cutoff);

    /// <summary>Everything from <paramref name="from"/> on.</summary>
    public static PurchaseWindow Since(DateTime from) => new(from, null);

    /// <summary>[<paramref name="from"/>, <paramref name="from"/> + <paramref name="days"/>): e.g. the 30 days after a cut-off.</summary>
    public static PurchaseWindow Days(DateTime from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return new(from, from.AddDays(days));
    }

    public bool Contains(DateTime at) => (From is null || at >= From) && (Before is null || at < Before);
}

internal static class PurchaseWindowQueries
{
    /// <summary>Orders placed inside the window; an open end adds no condition.</summary>
    public static IQueryable<Order> PlacedIn(this IQueryable<Order> orders, PurchaseWindow window)
    {
        if (window.From is { } from)
        {
            orders = orders.Where(o => o.PlacedAt >= from);
        }

        if (window.Before is { } before)
        {
            orders = orders.Where(o => o.PlacedAt < before);
        }

        return orders;
    }
}
