using System.Globalization;
using Dashboard.Core.Preprocessing;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// Why an item is offered to a customer, from their own history rather than the model's internals (which a sequence
/// model cannot explain): what they buy again, what goes with what they bought, their favourite category.
/// </summary>
internal sealed class RecommendationReasons
{
    public const string ColdStart = "popular right now";
    public const string BestSeller = "best-seller right now";
    public const string FavouriteCategory = "popular in your favourite category";
    public const string Personal = "recommended for you";

    private readonly ServingSnapshot _snapshot;
    private readonly float _minSimilarity;
    private readonly Dictionary<int, int> _ordersPerProduct;
    private readonly string? _favouriteCategory;

    public RecommendationReasons(ServingSnapshot snapshot, IReadOnlyList<PurchaseStep> history, float minSimilarity)
    {
        (_snapshot, _minSimilarity) = (snapshot, minSimilarity);
        _ordersPerProduct = history.GroupBy(s => s.ProductId).ToDictionary(g => g.Key, g => g.Select(s => s.OrderId).Distinct().Count());
        _favouriteCategory = history.Where(s => snapshot.Products.ContainsKey(s.ProductId))
            .GroupBy(s => snapshot.Products[s.ProductId].Category)
            .OrderByDescending(g => g.Sum(s => s.Quantity)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
    }

    public string For(ServedProduct product)
    {
        if (_ordersPerProduct.TryGetValue(product.Id, out var orders))
        {
            return orders == 1 ? "you bought this before" : string.Create(CultureInfo.InvariantCulture, $"you buy this regularly (bought {orders} times)");
        }

        // The offered product's own neighbours, most similar first (cosine is symmetric): the first one the customer
        // bought is what it goes with. Only the few offered products are looked at, not every product bought.
        foreach (var (neighbour, similarity) in _snapshot.Neighbours(product.Id))
        {
            if (similarity < _minSimilarity)
            {
                break;
            }

            if (_ordersPerProduct.ContainsKey(neighbour) && _snapshot.Products.TryGetValue(neighbour, out var bought))
            {
                return $"bought with {bought.Name}";
            }
        }

        return product.Category == _favouriteCategory ? FavouriteCategory : Personal;
    }
}
