using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Serving;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Customers;

public enum ProfileRecommendationStatus
{
    Found = 1,

    /// <summary>The customer's personal data was erased: nobody markets to them, so nothing is ranked.</summary>
    Erased = 2,

    UnknownCustomer = 4,
}

/// <summary>
/// The recommender version that ranked the list, so that staff can tell which model said so; null version when serving
/// fell back to the best-sellers, with <paramref name="Fallback"/> saying why.
/// </summary>
public sealed record RecommendingModel(int? VersionId, string Family, DateTime? TrainedAt, DateTime? DataTo, string? Fallback);

public sealed record RecommendedItem(string Product, string Category, decimal Price, string Reason);

public sealed record ProfileRecommendations(ProfileRecommendationStatus Status, RecommendingModel? Model, IReadOnlyList<RecommendedItem> Items);

/// <summary>
/// What the recommender champion would offer one customer now, and why, for the profile page: the very list the API
/// serves (<see cref="RecommendationServing"/>, which promo lists use too), with the prices staff want to see.
/// </summary>
public sealed class ProfileRecommendationService(IDbContextFactory<DashboardDbContext> contexts, RecommendationServing serving)
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

        var served = await serving.ForCustomerAsync(customerId, Count, cancellationToken: ct);
        var productIds = served.Items.Select(i => i.ProductId).ToList();
        var prices = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Price, ct);
        var version = served.ModelVersion is { } id
            ? await db.ModelVersions.Where(m => m.Id == id).Select(m => new { m.CreatedAt, DataTo = m.ServingDataTo ?? m.DataTo }).SingleOrDefaultAsync(ct)
            : null;
        return new ProfileRecommendations(
            ProfileRecommendationStatus.Found,
            new RecommendingModel(served.ModelVersion, served.Family, version?.CreatedAt, version?.DataTo, served.Fallback),
            [.. served.Items.Select(i => new RecommendedItem(i.Name, i.Category, prices.GetValueOrDefault(i.ProductId), i.Reason))]);
    }
}
