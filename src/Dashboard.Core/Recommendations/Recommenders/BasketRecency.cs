namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// How recent each purchase in a history is, counted in baskets rather than days: a customer who orders monthly and one
/// who orders weekly both treat their last basket as "now", and a long pause does not erase what they buy.
/// </summary>
internal static class BasketRecency
{
    /// <summary>
    /// For each interaction, how many of the customer's baskets come after its own: 0 for the latest basket.
    /// Interactions are in time order with each basket's items together, as <see cref="CustomerHistory"/> keeps them.
    /// </summary>
    public static int[] Ages(IReadOnlyList<Interaction> interactions)
    {
        var ages = new int[interactions.Count];
        var age = 0;
        for (var i = interactions.Count - 1; i >= 0; i--)
        {
            if (i < interactions.Count - 1 && interactions[i].Basket != interactions[i + 1].Basket)
            {
                age++;
            }

            ages[i] = age;
        }

        return ages;
    }

    /// <summary>Exponential decay: w = 0.5^(age / halfLife), so a purchase halfLife baskets back counts half.</summary>
    public static double Weight(int age, double halfLifeBaskets) => Math.Pow(0.5, age / halfLifeBaskets);
}
