namespace Dashboard.Core.Recommendations;

/// <summary>
/// Turns the popularity model into personal lists: the best-sellers of a customer's favourite categories,
/// in proportion to how much of their spending each category takes, topped up with overall best-sellers.
/// Pure and deterministic so that it can be tested against hand-made cases.
/// </summary>
public static class PersonalizedRanker
{
    private const int FavouriteCategories = 3;

    public static IReadOnlyList<Recommendation> BestSellers(PopularityModel model, int count, IReadOnlySet<int>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Global
            .Where(p => exclude is null || !exclude.Contains(p.ProductId))
            .Take(count)
            .Select(p => new Recommendation(p.ProductId, p.Score, "Best-seller this month"))
            .ToList();
    }

    /// <param name="categoryShares">Share of the customer's purchased quantity per category (any scale).</param>
    /// <param name="exclude">Products the customer should not be offered again (e.g. bought very recently).</param>
    public static IReadOnlyList<Recommendation> ForCustomer(
        PopularityModel model,
        IReadOnlyDictionary<string, double> categoryShares,
        IReadOnlySet<int> exclude,
        int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(categoryShares);
        ArgumentNullException.ThrowIfNull(exclude);

        var favourites = categoryShares
            .Where(c => c.Value > 0 && model.ByCategory.ContainsKey(c.Key))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(FavouriteCategories)
            .ToList();
        var total = favourites.Sum(c => c.Value);
        var picked = new List<Recommendation>(count);
        var taken = new HashSet<int>(exclude);

        // Largest share first; each category gets slots in proportion to its share (at least one).
        var remaining = count;
        foreach (var (category, share) in favourites)
        {
            var slots = Math.Max(1, (int)Math.Round(count * share / total, MidpointRounding.AwayFromZero));
            slots = Math.Min(slots, remaining);
            foreach (var product in model.ByCategory[category].Where(p => !taken.Contains(p.ProductId)).Take(slots))
            {
                taken.Add(product.ProductId);
                picked.Add(new Recommendation(product.ProductId, product.Score * share / total, $"Popular in {category}, a favourite category"));
            }

            remaining = count - picked.Count;
            if (remaining == 0)
            {
                break;
            }
        }

        picked.AddRange(BestSellers(model, remaining, taken));
        return picked;
    }
}
