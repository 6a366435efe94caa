using Dashboard.Core.Preprocessing;

namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>Turns the preprocessing stage's purchase sequences into the histories recommenders read.</summary>
public static class PurchaseHistories
{
    /// <summary>
    /// One interaction per order line, in the sequence's order (time, order, line); each order is a basket, numbered
    /// 0, 1, 2, … in time order. Lines of products outside <paramref name="items"/> are left out: no model can score
    /// them.
    /// </summary>
    public static CustomerHistory ToHistory(int customerId, IReadOnlyList<PurchaseStep> steps, ItemIndex items)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(items);
        var interactions = new List<Interaction>(steps.Count);
        var basket = -1;
        int? order = null;
        foreach (var step in steps)
        {
            if (step.OrderId != order)
            {
                order = step.OrderId;
                basket++;
            }

            if (items.TryGetIndex(step.ProductId, out var item))
            {
                interactions.Add(new Interaction(item, step.PlacedAt, basket));
            }
        }

        return new CustomerHistory(customerId, interactions);
    }
}
