using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// A customer's purchases as their orders: each basket the distinct catalogue items of one order, oldest first. The
/// sequence models predict a whole next basket, so they read and learn history basket by basket.
/// </summary>
internal sealed class BasketTimeline
{
    private BasketTimeline(IReadOnlyList<int[]> baskets)
    {
        Baskets = baskets;
    }

    public IReadOnlyList<int[]> Baskets { get; }

    /// <summary>Groups the history's interactions by basket number (each basket's lines lie together), skipping items outside the catalogue.</summary>
    public static BasketTimeline Of(CustomerHistory history, int itemCount)
    {
        var baskets = new List<int[]>();
        var items = new List<int>();
        int? basket = null;
        foreach (var interaction in history.Interactions)
        {
            if (interaction.Basket != basket && items.Count > 0)
            {
                baskets.Add([.. items.Distinct()]);
                items.Clear();
            }

            basket = interaction.Basket;
            if (interaction.Item >= 0 && interaction.Item < itemCount)
            {
                items.Add(interaction.Item);
            }
        }

        if (items.Count > 0)
        {
            baskets.Add([.. items.Distinct()]);
        }

        return new BasketTimeline(baskets);
    }
}
