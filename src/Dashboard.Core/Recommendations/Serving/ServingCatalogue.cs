using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>A product as serving shows it.</summary>
public sealed record ServedProduct(int Id, string Sku, string Name, string Category, bool IsActive);

/// <summary>
/// What every request needs besides the model: the products, the recent best-sellers (cold start and fallback) and
/// item-to-item neighbours from all purchases ("bought with X", similar items). A singleton, so a request reads memory
/// only. Once built, a snapshot older than <see cref="ServingOptions.CatalogueRefreshAfter"/> is still served while one
/// background rebuild replaces it: on a big shop a rebuild takes seconds, and no request should wait for it. Only the
/// very first build (or every one, when the refresh interval is zero) happens in the request.
/// </summary>
public sealed class ServingCatalogue(
    IDbContextFactory<DashboardDbContext> contexts, PurchaseSequences sequences, TimeProvider clock, IOptions<ServingOptions> options,
    ILogger<ServingCatalogue> logger)
    : IDisposable
{
    /// <summary>Neighbours kept per item: enough for a similar-items page and for reasons.</summary>
    public const int NeighboursPerItem = 50;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ServingSnapshot? _snapshot;
    private DateTimeOffset _builtAt;
    private int _refreshing;

    public void Dispose() => _refresh.Dispose();

    public async Task<ServingSnapshot> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var refreshAfter = options.Value.CatalogueRefreshAfter;
        // Read without the lock on purpose: the hot path stays lock-free; at worst a request serves the previous snapshot.
        if (_snapshot is { } current && refreshAfter > TimeSpan.Zero)
        {
            if (clock.GetUtcNow() - _builtAt >= refreshAfter)
            {
                RefreshInBackground();
            }

            return current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is null || refreshAfter <= TimeSpan.Zero)
            {
                _snapshot = await BuildAsync(cancellationToken);
                _builtAt = clock.GetUtcNow();
            }

            return _snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>One rebuild at a time; a failed one is logged and tried again after another interval.</summary>
    private void RefreshInBackground()
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var fresh = await BuildAsync(CancellationToken.None);
                (_snapshot, _builtAt) = (fresh, clock.GetUtcNow());
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Rebuilding the serving catalogue failed; the previous one serves until the next try");
                _builtAt = clock.GetUtcNow();
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private async Task<ServingSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        Dictionary<int, ServedProduct> products;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            products = await db.Products.AsNoTracking()
                .Select(p => new ServedProduct(p.Id, p.Sku, p.Name, p.Category, p.IsActive))
                .ToDictionaryAsync(p => p.Id, cancellationToken);
        }

        // "Right now" is the shop's latest sales, not the wall clock: an imported history may end months ago.
        var newest = await sequences.NewestPurchaseAtAsync(cancellationToken) ?? clock.GetUtcNow().UtcDateTime;
        var popular = await sequences.PopularityAsync(PurchaseWindow.Since(newest.AddDays(-options.Value.PopularityDays)), cancellationToken);

        var items = new ItemIndex(products.Keys);
        var histories = new List<CustomerHistory>();
        await foreach (var sequence in sequences.ReadAsync(new PurchaseWindow(null, null), cancellationToken: cancellationToken))
        {
            histories.Add(PurchaseHistories.ToHistory(sequence.CustomerId, sequence.Steps, items));
        }

        var neighbours = ItemNeighbours.Cosine(new RecommenderTrainingSet(items, histories, newest), NeighboursPerItem, cancellationToken);
        return new ServingSnapshot(products, [.. popular.Where(p => p.IsActive)], items, neighbours);
    }
}

/// <summary>One consistent view of the catalogue, best-sellers and neighbours.</summary>
public sealed class ServingSnapshot
{
    private readonly ItemNeighbours _neighbours;

    private readonly Dictionary<string, ServedProduct> _bySku;

    internal ServingSnapshot(IReadOnlyDictionary<int, ServedProduct> products, IReadOnlyList<ItemPopularity> popular, ItemIndex items, ItemNeighbours neighbours)
    {
        (Products, Popular, Items, _neighbours) = (products, popular, items, neighbours);
        _bySku = products.Values.ToDictionary(p => p.Sku, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<int, ServedProduct> Products { get; }

    /// <summary>Active products sold recently, best-selling first.</summary>
    public IReadOnlyList<ItemPopularity> Popular { get; }

    public ItemIndex Items { get; }

    public ServedProduct? FindBySku(string sku) => _bySku.GetValueOrDefault(sku);

    /// <summary>The products most often bought by the same customers as <paramref name="productId"/>, most similar first.</summary>
    public IEnumerable<(int ProductId, float Similarity)> Neighbours(int productId)
    {
        if (!Items.TryGetIndex(productId, out var index))
        {
            return [];
        }

        var (items, similarities) = (_neighbours.Items(index).ToArray(), _neighbours.Similarities(index).ToArray());
        return items.Select((item, i) => (Items.ProductIdAt(item), similarities[i]));
    }
}
