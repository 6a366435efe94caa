using Dashboard.Core.Models;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Recommendations;

/// <summary>
/// Serves recommendations from the champion popularity model. Promo lists, profile pages and (later) the
/// recommendation API all come through here, so a better model only has to be plugged in once.
/// </summary>
public sealed class RecommendationService(IDbContextFactory<DashboardDbContext> contexts)
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
        return version?.Artifact is null ? null : (version, PopularityModel.FromBytes(version.Artifact));
    }

    /// <summary>
    /// Personal top-N for many customers at once (one pass over their recent order lines). An erased customer gets an
    /// empty list: nothing is offered to them, and their history no longer shapes anything addressed to them.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Recommendation>>> ForCustomersAsync(
        PopularityModel model, IReadOnlyCollection<int> customerIds, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customerIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var historyStart = model.WindowEnd.AddDays(-HistoryDays);
        var recentStart = model.WindowEnd.AddDays(-RecentPurchaseDays);
        var wanted = customerIds.ToHashSet();

        var lines = await (
                from line in db.OrderLines
                join order in db.Orders on line.OrderId equals order.Id
                where order.Kind == OrderKind.Purchase && order.CustomerId != null && order.PlacedAt > historyStart
                select new { CustomerId = order.CustomerId!.Value, line.ProductId, line.Product!.Category, line.Quantity, order.PlacedAt })
            .ToListAsync(cancellationToken);

        var byCustomer = lines.Where(l => wanted.Contains(l.CustomerId)).ToLookup(l => l.CustomerId);
        var erased = (await db.Customers.Where(c => c.ErasedAt != null).Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet();
        var result = new Dictionary<int, IReadOnlyList<Recommendation>>(wanted.Count);
        foreach (var customerId in wanted)
        {
            if (erased.Contains(customerId))
            {
                result[customerId] = [];
                continue;
            }

            var history = byCustomer[customerId].ToList();
            var shares = history.GroupBy(l => l.Category).ToDictionary(g => g.Key, g => (double)g.Sum(l => l.Quantity));
            var recent = history.Where(l => l.PlacedAt > recentStart).Select(l => l.ProductId).ToHashSet();
            result[customerId] = PersonalizedRanker.ForCustomer(model, shares, recent, count);
        }

        return result;
    }
}
