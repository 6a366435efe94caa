using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Recommendations;

/// <summary>A recommended product as a machine client sees it: the shop's SKU rather than our id.</summary>
public sealed record RecommendedProduct(string Sku, string Name, double Score, string Reason);

public enum RecommendationOutcome
{
    Found = 1,

    /// <summary>No such customer, or the customer was erased (the two are not told apart).</summary>
    UnknownCustomer = 2,

    /// <summary>The pipeline has not trained a champion model yet.</summary>
    NoModel = 3,
}

public sealed record CustomerRecommendationResult(RecommendationOutcome Outcome, IReadOnlyList<RecommendedProduct> Products);

/// <summary>One customer's recommendations, looked up by the shop's customer id, for the machine API.</summary>
public sealed class CustomerRecommendations(IDbContextFactory<DashboardDbContext> contexts, RecommendationService recommendations)
{
    public const int MaxCount = 50;

    public async Task<CustomerRecommendationResult> ForExternalIdAsync(string externalId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customerId = await db.Customers.Where(c => c.ExternalId == externalId && c.ErasedAt == null)
            .Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (customerId is null)
        {
            return new CustomerRecommendationResult(RecommendationOutcome.UnknownCustomer, []);
        }

        if (await recommendations.LoadChampionAsync(cancellationToken) is not { } champion)
        {
            return new CustomerRecommendationResult(RecommendationOutcome.NoModel, []);
        }

        var ranked = (await recommendations.ForCustomersAsync(champion.Model, [customerId.Value], count, cancellationToken))[customerId.Value];
        var productIds = ranked.Select(r => r.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Sku, p.Name), cancellationToken);
        var result = ranked.Where(r => products.ContainsKey(r.ProductId))
            .Select(r => new RecommendedProduct(products[r.ProductId].Sku, products[r.ProductId].Name, r.Score, r.Reason))
            .ToList();
        return new CustomerRecommendationResult(RecommendationOutcome.Found, result);
    }
}
