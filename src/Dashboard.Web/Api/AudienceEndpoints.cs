using System.Globalization;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

public static class AudienceEndpoints
{
    public const int DefaultPageSize = 100;

    public static RouteGroupBuilder MapAudienceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audiences/{campaignId:int}", GetAsync).RequireAuthorization(ApiPolicies.AudiencesRead);
        return api;
    }

    private static async Task<Results<Ok<AudienceMemberPage>, ProblemHttpResult>> GetAsync(
        int campaignId, int? page, int? pageSize, AudienceMembers members, CancellationToken cancellationToken)
    {
        var (number, size) = (page ?? 1, pageSize ?? DefaultPageSize);
        if (number < 1 || size is < 1 or > AudienceMembers.MaxPageSize)
        {
            return ApiProblems.Result(StatusCodes.Status400BadRequest, "Invalid paging",
                string.Create(CultureInfo.InvariantCulture, $"page must be 1 or more, and pageSize between 1 and {AudienceMembers.MaxPageSize}."));
        }

        return await members.PageAsync(campaignId, number, size, cancellationToken) is { } result
            ? TypedResults.Ok(result)
            : ApiProblems.Result(StatusCodes.Status404NotFound, "Unknown campaign", $"There is no campaign {campaignId}.");
    }
}
