using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Recommendations;

/// <summary>
/// Serves recommendations from the champion popularity model. Promo lists, profile pages and (later) the
/// recommendation API all come through here, so a better model only has to be plugged in once.
/// </summary>
public sealed class RecommendationService(IDbContextFactory<DashboardDbContext> contexts, PurchaseSequences sequences)
{
    /// <summary>How far back a customer's purchases shape their favourite categories.</summary>
    public const int HistoryDays = 180;

    /// <summary>Products bought this recently are not offered again.</summary>
    public const int RecentPurchaseDays = 30;

    public async Task<(ModelVersion Version, PopularityModel Model)?> LoadChampionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.ModelVersions.AsNoTracking()
            .Where(m => m.Kind == ModelKinds.Popularity && m.IsChampion)
            .OrderByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return Loaded(version);
    }

    /// <summary>A given popularity version, champion or not (a campaign variant may pin one); null when it does not exist.</summary>
    public async Task<(ModelVersion Version, PopularityModel Model)?> LoadVersionAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.ModelVersions.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == id && m.Kind == ModelKinds.Popularity, cancellationToken);
        return Loaded(version);
    }

    /// <summary>The popularity versions that can be loaded, newest first, without their artifacts.</summary>
    public async Task<IReadOnlyList<PopularityVersionSummary>> PopularityVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(m => m.Kind == ModelKinds.Popularity && m.Artifact != null)
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.CreatedAt, m.IsChampion, m.MetricsJson })
            .ToListAsync(cancellationToken);
        return versions.Select(m => new PopularityVersionSummary(m.Id, m.CreatedAt, m.IsChampion, PopularityVersionSummary.ReadMetrics(m.MetricsJson)))
            .ToList();
    }

    private static (ModelVersion Version, PopularityModel Model)? Loaded(ModelVersion? version) =>
        version?.Artifact is null ? null : (version, PopularityModel.FromBytes(version.Artifact));

    /// <summary>
    /// Personal top-N for many customers at once, from their recent purchase sequences (preprocessing, one query for all
    /// of them). An erased customer gets an empty list: nothing is offered to them, and their history is not even read.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Recommendation>>> ForCustomersAsync(
        PopularityModel model, IReadOnlyCollection<int> customerIds, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customerIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var historyStart = model.WindowEnd.AddDays(-HistoryDays);
        var recentStart = model.WindowEnd.AddDays(-RecentPurchaseDays);
        var wanted = customerIds.Distinct().ToList();

        // Id lists go as one JSON parameter: a launch passes tens of thousands (SQLite allows 32,766 parameters, SQL Server 2,100).
        var erased = await db.Customers.Where(c => c.ErasedAt != null && EF.Parameter(wanted).Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var histories = await sequences.ForCustomersAsync([.. wanted.Except(erased)], PurchaseWindow.Since(historyStart), cancellationToken);
        var productIds = histories.Values.SelectMany(h => h.Steps).Select(s => s.ProductId).Distinct().ToList();
        var categories = await db.Products.Where(p => EF.Parameter(productIds).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Category, cancellationToken);

        var result = new Dictionary<int, IReadOnlyList<Recommendation>>(wanted.Count);
        foreach (var customerId in wanted)
        {
            if (!histories.TryGetValue(customerId, out var history))
            {
                result[customerId] = [];
                continue;
            }

            var shares = history.Steps.GroupBy(s => categories[s.ProductId]).ToDictionary(g => g.Key, g => (double)g.Sum(s => s.Quantity));
            var recent = history.Steps.Where(s => s.PlacedAt > recentStart).Select(s => s.ProductId).ToHashSet();
            result[customerId] = PersonalizedRanker.ForCustomer(model, shares, recent, count);
        }

        return result;
    }
}
