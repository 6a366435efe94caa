using System.Globalization;
using Dashboard.Core.Recommendations.Serving;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>
/// The answer of the champion's endpoints, best first: where it came from (the version and family, or the popularity
/// fallback and why) travels with the items so that a client can log which model it showed.
/// </summary>
public sealed record ServedItemsResponse(IReadOnlyList<ServedItem> Items, int? ModelVersion, string Family, bool Fallback, string? FallbackReason);

/// <summary>
/// <c>GET /api/customers/{customerId}/recommendations</c> and <c>GET /api/products/{sku}/similar</c>, served from the
/// recommender champion. Customers and products go by the shop's ids (external customer id, SKU), like the older
/// <c>/api/recommendations</c>. An unknown or erased customer is a 404; a known one without purchases gets the cold start.
/// </summary>
public static class ServingEndpoints
{
    public const int DefaultCount = 10;

    public static RouteGroupBuilder MapServingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{customerId}/recommendations", ForCustomerAsync).RequireAuthorization(ApiPolicies.RecommendationsRead);
        api.MapGet("/products/{sku}/similar", SimilarAsync).RequireAuthorization(ApiPolicies.RecommendationsRead);
        return api;
    }

    private static async Task<Results<Ok<ServedItemsResponse>, ProblemHttpResult>> ForCustomerAsync(
        string customerId, int? count, string? category, bool? diverse, RecommendationServing serving, CancellationToken cancellationToken)
    {
        if (InvalidCount(count) is { } invalid)
        {
            return invalid;
        }

        var result = await serving.ForExternalIdAsync(customerId, count ?? DefaultCount, string.IsNullOrWhiteSpace(category) ? null : category, diverse ?? false, cancellationToken);
        return result.Found
            ? TypedResults.Ok(new ServedItemsResponse(result.Items, result.ModelVersion, result.Family, result.Fallback is not null, result.Fallback))
            : ApiProblems.Result(StatusCodes.Status404NotFound, "Unknown customer", $"There is no customer '{customerId}'.");
    }

    private static async Task<Results<Ok<ServedItemsResponse>, ProblemHttpResult>> SimilarAsync(
        string sku, int? count, RecommendationServing serving, CancellationToken cancellationToken)
    {
        if (InvalidCount(count) is { } invalid)
        {
            return invalid;
        }

        // Similar items come from co-purchases, not from the champion, whichever family it is.
        var items = await serving.SimilarItemsAsync(sku, count ?? DefaultCount, cancellationToken);
        return items is null
            ? ApiProblems.Result(StatusCodes.Status404NotFound, "Unknown product", $"There is no product '{sku}'.")
            : TypedResults.Ok(new ServedItemsResponse(items, null, "itemknn", false, null));
    }

    private static ProblemHttpResult? InvalidCount(int? count) =>
        count is < 1 or > RecommendationServing.MaxCount
            ? ApiProblems.Result(StatusCodes.Status400BadRequest, "Invalid count",
                string.Create(CultureInfo.InvariantCulture, $"count must be between 1 and {RecommendationServing.MaxCount}."))
            : null;
}
