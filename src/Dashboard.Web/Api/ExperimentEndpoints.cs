using Dashboard.Core.Experiments.Analysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>
/// <c>POST /api/experiments/analyze</c>: the A/B statistics engine on posted per-arm aggregates, JSON in and JSON out
/// (the contract of <see cref="ExperimentAnalysisRequest"/> and <see cref="ExperimentAnalysis"/>). It reads no shop data.
/// </summary>
public static class ExperimentEndpoints
{
    private const string InvalidTitle = "Invalid analysis request";

    public static RouteGroupBuilder MapExperimentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/experiments/analyze", AnalyzeAsync).RequireAuthorization(ApiPolicies.ExperimentsAnalyze);
        return api;
    }

    private static async Task<Results<Ok<ExperimentAnalysis>, ProblemHttpResult>> AnalyzeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return ApiProblems.Result(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "Send the analysis request as application/json.");
        }

        // Read here rather than bound, so that a malformed body gets a problem naming the field, as the CLI reports it.
        string body;
        try
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, "Request body too large", ApiRequestLimits.TooLargeDetail);
        }

        var (analysisRequest, unreadable) = AnalysisJson.Read(body);
        var problems = unreadable is not null ? [unreadable] : AnalysisRequestValidator.Validate(analysisRequest!);
        return problems.Count > 0
            ? ApiProblems.Invalid(InvalidTitle, [.. problems.Select(p => (p.Field, p.Message))])
            : TypedResults.Ok(ExperimentAnalyzer.Analyze(analysisRequest!));
    }
}
