using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
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
    RecommenderRegistry registry,
    ServingCatalogue catalogue,
    TimeProvider clock,
    IOptions<ServingOptions> options,
    ServingReadContexts? readContexts = null)
{
    public const int MaxCount = 100;

    /// <summary>Customers a promo list scores together.</summary>
    private const int ScoringChunk = 256;

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

    /// <summary>For a customer known to exist and not erased, with their purchases and returns already read.</summary>
    private async Task<ServedRecommendations> ServeAsync(CustomerPurchases purchases, int count, string? category, bool diverse, CancellationToken cancellationToken)
    {
        var model = await champion.CurrentAsync(cancellationToken);
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        var items = Rank(
            model, snapshot, purchases.CustomerId, purchases.History, purchases.Returned, clock.GetUtcNow().UtcDateTime, new Wanted(count, category, diverse, null));
        return new ServedRecommendations(true, items, model.VersionId, model.Family, model.Fallback);
    }

    /// <summary>
    /// The model a promo-list variant offers from: the champion (with its popularity fallback) when
    /// <paramref name="pinnedVersionId"/> is null, else that recommender version, which must exist and be servable here:
    /// a campaign that pinned a model must not silently go out with another.
    /// </summary>
    public async Task<ServingModel> ModelAsync(int? pinnedVersionId, CancellationToken cancellationToken = default)
    {
        if (pinnedVersionId is not { } id)
        {
            return await champion.CurrentAsync(cancellationToken);
        }

        var loaded = await registry.LoadVersionAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Recommender version #{id} does not exist.");
        return loaded.Model is { } model
            ? new ServingModel(model, id, model.Name, null, loaded.Version.ServingDataTo)
            : throw new InvalidOperationException($"Recommender version #{id} cannot be served here: {loaded.UnavailableReason}.");
    }

    /// <summary>
    /// Personal lists for many customers at once, as of <paramref name="asOf"/> (a launch's moment): the same rules as
    /// for one customer, with purchases and returns after <paramref name="asOf"/> unseen, and only <paramref name="eligible"/>
    /// products when given (those an offer's discount applies to). Erased customers get an empty list; every requested
    /// id is in the result. Histories are read in one query, so a 100,000-member list costs one read and a scoring loop.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<ServedItem>>> ForCustomersAsync(
        ServingModel model, IReadOnlyCollection<int> customerIds, int count, DateTime asOf, IReadOnlySet<int>? eligible = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var wanted = customerIds.Distinct().ToList();
        List<int> erased;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            erased = await db.Customers.Where(c => c.ErasedAt != null && EF.Parameter(wanted).Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var addressable = wanted.Except(erased).ToList();
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        var histories = await sequences.ForCustomersAsync(addressable, new PurchaseWindow(null, asOf), cancellationToken);
        var returned = await sequences.ReturnedProductsAsync(addressable, asOf, cancellationToken);
        var request = new Wanted(count, null, false, eligible);
        var lists = new Dictionary<int, IReadOnlyList<ServedItem>>(wanted.Count);
        // Scored a chunk at a time: a sequence model scores a chunk in one forward pass, and only a chunk's scores are
        // held (a row per customer is the whole catalogue).
        foreach (var chunk in wanted.Chunk(ScoringChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var buyers = chunk.Where(id => histories.TryGetValue(id, out var h) && h.Steps.Count > 0).ToList();
            var scores = model.Model is { } recommender ? ScoreAll(recommender, buyers, histories) : [];
            foreach (var customerId in chunk)
            {
                lists[customerId] = histories.TryGetValue(customerId, out var history)
                    ? Rank(model, snapshot, customerId, history.Steps, returned[customerId], asOf, request, scores.GetValueOrDefault(customerId))
                    : [];
            }
        }

        return lists;
    }

    private static Dictionary<int, float[]> ScoreAll(IRecommender model, List<int> customerIds, IReadOnlyDictionary<int, CustomerSequence> histories)
    {
        var items = model.Items!;
        var scores = customerIds.Select(_ => new float[items.Count]).ToList();
        model.ScoreMany([.. customerIds.Select(id => PurchaseHistories.ToHistory(id, histories[id].Steps, items))], scores);
        return customerIds.Zip(scores).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>The recent best-sellers, the same for everyone (a best-seller arm), limited to <paramref name="eligible"/> when given.</summary>
    public async Task<IReadOnlyList<ServedItem>> BestSellersAsync(int count, IReadOnlySet<int>? eligible = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var snapshot = await catalogue.CurrentAsync(cancellationToken);
        return Walk(snapshot, Popularity(snapshot), new Wanted(count, null, false, eligible), excluded: [], _ => RecommendationReasons.BestSeller);
    }

    /// <summary>One customer's list: the model's ranking (or popularity) walked through the shop's rules.</summary>
    private List<ServedItem> Rank(
        ServingModel model, ServingSnapshot snapshot, int customerId, IReadOnlyList<PurchaseStep> history, IReadOnlySet<int> returned,
        DateTime now, Wanted wanted, float[]? scores = null)
    {
        if (history.Count == 0)
        {
            return Walk(snapshot, Popularity(snapshot), wanted, excluded: [], _ => RecommendationReasons.ColdStart);
        }

        var excluded = new HashSet<int>(returned);
        if (!string.Equals(model.Family, RepeatFamily, StringComparison.OrdinalIgnoreCase))
        {
            var recentSince = now.AddDays(-options.Value.RecentPurchaseDays);
            excluded.UnionWith(history.Where(s => s.PlacedAt >= recentSince).Select(s => s.ProductId));
        }

        var firstBatch = Math.Max(64, 4 * (wanted.Count + excluded.Count));
        var ranking = model.Model is { } recommender ? Ranked(recommender, customerId, history, firstBatch, scores) : Popularity(snapshot);
        var reasons = new RecommendationReasons(snapshot, history, options.Value.MinNeighbourSimilarity);
        return Walk(snapshot, ranking, wanted, excluded, reasons.For);
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

    /// <summary>
    /// Every product the model can rank, best first, ties by item index as evaluation ranks them. The walk through the
    /// shop's rules usually stops after a few dozen, so the first <paramref name="firstBatch"/> come from a partial
    /// selection; the rest, needed only when filters skip most of them, from a full sort. <paramref name="scored"/> holds the
    /// model's scores when they were computed already (a promo list scores its members in batches).
    /// </summary>
    private static IEnumerable<(int ProductId, double Score)> Ranked(
        IRecommender model, int customerId, IReadOnlyList<PurchaseStep> history, int firstBatch, float[]? scored)
    {
        var items = model.Items!;
        var scores = scored ?? new float[items.Count];
        if (scored is null)
        {
            model.Score(PurchaseHistories.ToHistory(customerId, history, items), scores);
        }

        var top = new int[Math.Min(firstBatch, scores.Length)];
        var found = Ranking.Top(scores, top);
        IEnumerable<int> rest = found == scores.Length
            ? []
            : Enumerable.Range(0, scores.Length).Except(top.Take(found)).OrderByDescending(i => Comparable(scores[i])).ThenBy(i => i);
        return top.Take(found).Concat(rest)
            .TakeWhile(i => !float.IsNegativeInfinity(Comparable(scores[i])))
            .Select(i => (items.ProductIdAt(i), (double)scores[i]));

        static float Comparable(float score) => float.IsNaN(score) ? float.NegativeInfinity : score;
    }

    private static IEnumerable<(int ProductId, double Score)> Popularity(ServingSnapshot snapshot) =>
        snapshot.Popular.Select(p => (p.ProductId, (double)p.Orders));

    private List<ServedItem> Walk(
        ServingSnapshot snapshot, IEnumerable<(int ProductId, double Score)> ranking, Wanted wanted, HashSet<int> excluded, Func<ServedProduct, string> reason)
    {
        var perCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<ServedItem>(wanted.Count);
        foreach (var (productId, score) in ranking)
        {
            if (items.Count == wanted.Count)
            {
                break;
            }

            if (excluded.Contains(productId) || !snapshot.Products.TryGetValue(productId, out var product) || !product.IsActive
                || (wanted.Eligible is not null && !wanted.Eligible.Contains(productId))
                || (wanted.Category is not null && !string.Equals(product.Category, wanted.Category, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var inCategory = perCategory.GetValueOrDefault(product.Category);
            if (wanted.Diverse && inCategory >= options.Value.MaxPerCategory)
            {
                continue;
            }

            perCategory[product.Category] = inCategory + 1;
            items.Add(new ServedItem(product.Id, product.Sku, product.Name, product.Category, score, reason(product)));
        }

        return items;
    }

    /// <summary>What a caller asks for besides the customer: how many, and which products may appear.</summary>
    private sealed record Wanted(int Count, string? Category, bool Diverse, IReadOnlySet<int>? Eligible);
}
