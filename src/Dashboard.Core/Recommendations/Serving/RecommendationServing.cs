using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// A customer's top-N from the recommender champion, with the shop's rules on top of the model's ranking:
/// only active products; never an item the customer returned; not an item bought in the last
/// <see cref="ServingOptions.RecentPurchaseDays"/> (they have it) unless the champion is the repeat-buying family,
/// whose whole point is to offer it again; an optional category; with diversity, at most
/// <see cref="ServingOptions.MaxPerCategory"/> per category, walking down the ranking. Erased customers get nothing;
/// a customer without purchases gets the recent best-sellers ("popular right now"), as does everyone when there is no
/// servable champion (then with the usual reasons).
/// A request reads the database once, on one connection (<see cref="ServingReads"/>); with <paramref name="readContexts"/>
/// (the host's singleton) that connection is one kept open between requests.
/// </summary>
public sealed class RecommendationServing(
    IDbContextFactory<DashboardDbContext> contexts,
    PurchaseSequences sequences,
    ChampionRecommender champion,
    ServingCatalogue catalogue,
    TimeProvider clock,
    IOptions<ServingOptions> options,
    ServingReadContexts? readContexts = null)
{
    public const int MaxCount = 100;

    /// <summary>The family that recommends what the customer already buys, so recent purchases are not excluded for it.</summary>
    private const string RepeatFamily = "repeat";

    /// <summary>By the shop's customer id, as machine clients know customers.</summary>
    public async Task<ServedRecommendations> ForExternalIdAsync(
        string externalId, int count, string? category = null, bool diverse = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        // The customer, their purchases and their returns in one connection (see ServingReads).
        var purchases = await ServingReads.ByExternalIdAsync(contexts, readContexts, externalId, cancellationToken);
        return purchases is null ? ServedRecommendations.Unknown : await ServeAsync(purchases, count, category, diverse, cancellationToken);
    }

    public async Task<ServedRecommendations> ForCustomerAsync(
        int customerId, int count, string? category = null, bool diverse = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var purchases = await ServingReads.ByIdAsync(contexts, readContexts, customerId, cancellationToken);
        return purchases is null ? ServedRecommendations.Unknown : await ServeAsync(purchases, count, category, diverse, cancellationToken);
    }

    /// <summary>For a customer known to exist and not erased.</summary>
    private async Task<ServedRecommendations> ServeAsync(int customerId, int count, string? category, bool diverse, CancellationToken cancellationToken)
    {
        var history = (await sequences.ForCustomersAsync([customerId], new PurchaseWindow(null, null), cancellationToken))[customerId].Steps;
        var returned = await sequences.ReturnedProductsAsync(customerId, cancellationToken);
        return await ServeAsync(new CustomerPurchases(customerId, history, returned), count, category, diverse, cancellationToken);
    }

    /// <summary>For a customer known to exist and not erased, with their purchases and returns already read.</summary>
    private async Task<ServedRecommendations> ServeAsync(CustomerPurchases purchases, int count, string? category, bool diverse, CancellationToken cancellationToken)
    {
        var model = await champion.CurrentAsync(cancellationToken);
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        var (customerId, history) = (purchases.CustomerId, purchases.History);
        if (history.Count == 0)
        {
            var coldStart = Walk(snapshot, Popularity(snapshot), category, diverse, count, excluded: [], _ => RecommendationReasons.ColdStart);
            return new ServedRecommendations(true, coldStart, model.VersionId, model.Family, model.Fallback);
        }

        var excluded = new HashSet<int>(purchases.Returned);
        if (!string.Equals(model.Family, RepeatFamily, StringComparison.OrdinalIgnoreCase))
        {
            var recentSince = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.RecentPurchaseDays);
            excluded.UnionWith(history.Where(s => s.PlacedAt >= recentSince).Select(s => s.ProductId));
        }

        var ranking = model.Model is { } recommender ? Ranked(recommender, customerId, history) : Popularity(snapshot);
        var reasons = new RecommendationReasons(snapshot, history, options.Value.MinNeighbourSimilarity);
        var items = Walk(snapshot, ranking, category, diverse, count, excluded, reasons.For);
        return new ServedRecommendations(true, items, model.VersionId, model.Family, model.Fallback);
    }

    /// <summary>
    /// The active products most often bought by the same customers as the one with <paramref name="sku"/> (item-to-item
    /// cosine over all purchases), most similar first; null when no product has that SKU.
    /// </summary>
    public async Task<IReadOnlyList<ServedItem>?> SimilarItemsAsync(string sku, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        if (snapshot.FindBySku(sku) is not { } product)
        {
            return null;
        }

        var reason = $"bought by the same customers as {product.Name}";
        return [.. snapshot.Neighbours(product.Id)
            .Select(n => (Product: snapshot.Products[n.ProductId], n.Similarity))
            .Where(n => n.Product.IsActive)
            .Take(count)
            .Select(n => new ServedItem(n.Product.Id, n.Product.Sku, n.Product.Name, n.Product.Category, n.Similarity, reason))];
    }

    /// <summary>Every product the model knows, best first.</summary>
    private static IEnumerable<(int ProductId, double Score)> Ranked(IRecommender model, int customerId, IReadOnlyList<PurchaseStep> history)
    {
        var items = model.Items!;
        var scores = new float[items.Count];
        model.Score(PurchaseHistories.ToHistory(customerId, history, items), scores);
        var order = Enumerable.Range(0, items.Count).ToArray();
        var keys = scores.Select(s => -s).ToArray();
        Array.Sort(keys, order);
        return order.Where(i => !float.IsNegativeInfinity(scores[i])).Select(i => (items.ProductIdAt(i), (double)scores[i]));
    }

    private static IEnumerable<(int ProductId, double Score)> Popularity(ServingSnapshot snapshot) =>
        snapshot.Popular.Select(p => (p.ProductId, (double)p.Orders));

    private List<ServedItem> Walk(
        ServingSnapshot snapshot, IEnumerable<(int ProductId, double Score)> ranking, string? category, bool diverse, int count,
        HashSet<int> excluded, Func<ServedProduct, string> reason)
    {
        var perCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<ServedItem>(count);
        foreach (var (productId, score) in ranking)
        {
            if (items.Count == count)
            {
                break;
            }

            if (excluded.Contains(productId) || !snapshot.Products.TryGetValue(productId, out var product) || !product.IsActive
                || (category is not null && !string.Equals(product.Category, category, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var inCategory = perCategory.GetValueOrDefault(product.Category);
            if (diverse && inCategory >= options.Value.MaxPerCategory)
            {
                continue;
            }

            perCategory[product.Category] = inCategory + 1;
            items.Add(new ServedItem(product.Id, product.Sku, product.Name, product.Category, score, reason(product)));
        }

        return items;
    }
}
