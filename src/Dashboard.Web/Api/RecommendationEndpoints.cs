using System.Globalization;
using Dashboard.Core.Recommendations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>The answer of <c>GET /api/recommendations/{customerId}</c>, best first.</summary>
public sealed record RecommendationsResponse(string CustomerId, IReadOnlyList<RecommendedProduct> Products);

public static class RecommendationEndpoints
{
    public const int DefaultCount = 10;

    public static RouteGroupBuilder MapRecommendationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/recommendations/{customerId}", GetAsync).RequireAuthorization(ApiPolicies.RecommendationsRead);
        return api;
    }

    private static async Task<Results<Ok<RecommendationsResponse>, ProblemHttpResult>> GetAsync(
        string customerId, int? count, CustomerRecommendations recommendations, CancellationToken cancellationToken)
    {
        var wanted = count ?? DefaultCount;
        if (wanted is < 1 or > CustomerRecommendations.MaxCount)
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, "Invalid count",
                string.Create(CultureInfo.InvariantCulture, $"count must be between 1 and {CustomerRecommendations.MaxCount}."));
        }

        var result = await recommendations.ForExternalIdAsync(customerId, wanted, cancellationToken);
        return result.Outcome switch
        {
            RecommendationOutcome.Found => TypedResults.Ok(new RecommendationsResponse(customerId, result.Products)),
            RecommendationOutcome.NoModel => ApiProblems.Result(StatusCodes.Status503ServiceUnavailable, "No model yet",
                "No recommendation model has been trained yet; it appears after the pipeline's first run."),
            _ => ApiProblems.Result(StatusCodes.Status404NotFound, "Unknown customer", $"There is no customer '{customerId}'."),
        };
    }
}
