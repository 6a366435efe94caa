using System.Globalization;
using Dashboard.Core.Recommendations.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>A recommended product as the first API version shows it: the shop's SKU rather than our id.</summary>
public sealed record RecommendedProduct(string Sku, string Name, double Score, string Reason);

/// <summary>The answer of <c>GET /api/recommendations/{customerId}</c>, best first.</summary>
public sealed record RecommendationsResponse(string CustomerId, IReadOnlyList<RecommendedProduct> Products);

/// <summary>
/// The first recommendations endpoint, kept for the clients built on it: the same lists as
/// <c>/api/customers/{id}/recommendations</c> (<see cref="RecommendationServing"/>), in the older shape.
/// </summary>
public static class RecommendationEndpoints
{
    public const int DefaultCount = 10;

    public static RouteGroupBuilder MapRecommendationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/recommendations/{customerId}", GetAsync).RequireAuthorization(ApiPolicies.RecommendationsRead);
        return api;
    }

    private static async Task<Results<Ok<RecommendationsResponse>, ProblemHttpResult>> GetAsync(
        string customerId, int? count, RecommendationServing serving, CancellationToken cancellationToken)
    {
        var wanted = count ?? DefaultCount;
        if (wanted is < 1 or > RecommendationServing.MaxCount)
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, "Invalid count",
                string.Create(CultureInfo.InvariantCulture, $"count must be between 1 and {RecommendationServing.MaxCount}."));
        }

        var result = await serving.ForExternalIdAsync(customerId, wanted, cancellationToken: cancellationToken);
        return result.Found
            ? TypedResults.Ok(new RecommendationsResponse(customerId, [.. result.Items.Select(i => new RecommendedProduct(i.Sku, i.Name, i.Score, i.Reason))]))
            : ApiProblems.Result(StatusCodes.Status404NotFound, "Unknown customer", $"There is no customer '{customerId}'.");
    }
}
