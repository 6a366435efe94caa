using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Customers;

public enum ProfileRecommendationStatus
{
    Found = 1,

    /// <summary>The customer's personal data was erased: nobody markets to them, so nothing is ranked.</summary>
    Erased = 2,

    /// <summary>The pipeline has not trained a champion recommender yet.</summary>
    NoModel = 3,

    UnknownCustomer = 4,
}

/// <summary>The model version that ranked the list, so that staff can tell which model said so.</summary>
public sealed record RecommendingModel(int VersionId, string Kind, DateTime TrainedAt, DateTime DataFrom, DateTime DataTo);

public sealed record RecommendedItem(string Product, string Category, decimal Price, string Reason);

public sealed record ProfileRecommendations(ProfileRecommendationStatus Status, RecommendingModel? Model, IReadOnlyList<RecommendedItem> Items);

/// <summary>
/// What the current champion recommender would offer one customer, and why, for the profile page. The ranking and its
/// reasons come from <see cref="RecommendationService"/>, the same path promo lists and the API take.
/// </summary>
public sealed class ProfileRecommendationService(IDbContextFactory<DashboardDbContext> contexts, RecommendationService recommendations)
{
    public const int Count = 6;

    public async Task<ProfileRecommendations> ForCustomerAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.Where(c => c.Id == customerId).Select(c => new { c.ErasedAt }).SingleOrDefaultAsync(ct);
        if (customer is null)
        {
            return new ProfileRecommendations(ProfileRecommendationStatus.UnknownCustomer, null, []);
        }

        if (customer.ErasedAt is not null)
        {
            return new ProfileRecommendations(ProfileRecommendationStatus.Erased, null, []);
        }

        if (await recommendations.LoadChampionAsync(ct) is not { } champion)
        {
            return new ProfileRecommendations(ProfileRecommendationStatus.NoModel, null, []);
        }

        var ranked = (await recommendations.ForCustomersAsync(champion.Model, [customerId], Count, ct))[customerId];
        var productIds = ranked.Select(r => r.ProductId).ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var items = (from r in ranked
                     where products.ContainsKey(r.ProductId)
                     let p = products[r.ProductId]
                     select new RecommendedItem(p.Name, p.Category, p.Price, r.Reason)).ToList();
        return new ProfileRecommendations(
            ProfileRecommendationStatus.Found,
            new RecommendingModel(champion.Version.Id, champion.Version.Kind, champion.Version.CreatedAt, champion.Version.DataFrom, champion.Version.DataTo),
            items);
    }
}
