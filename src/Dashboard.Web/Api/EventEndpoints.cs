using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>The body of <c>POST /api/events</c>.</summary>
public sealed record EventBatchRequest(IReadOnlyList<IncomingEvent?>? Events);

/// <summary>
/// The answer to a batch that could be read: the valid events are stored (durably) before it is sent, and every
/// rejected one is listed by its index in the request. 200 even when some or all were rejected; check <c>rejected</c>.
/// </summary>
public sealed record EventBatchResponse(int Accepted, int Rejected, IReadOnlyList<EventItemError> Errors);

public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/events", PostAsync).RequireAuthorization(ApiPolicies.EventsWrite);
        return api;
    }

    private static async Task<Results<Ok<EventBatchResponse>, ProblemHttpResult>> PostAsync(
        HttpRequest request, EventBatchIngestor ingestor, CancellationToken cancellationToken)
    {
        // The body is read here rather than bound, so that a malformed one gets a problem that says what is wrong.
        if (!request.HasJsonContentType())
        {
            return ApiProblems.Result(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "Send the batch as application/json.");
        }

        EventBatchRequest? batch;
        try
        {
            batch = await request.ReadFromJsonAsync<EventBatchRequest>(cancellationToken);
        }
        catch (JsonException ex)
        {
            return BadBatch($"The body is not valid JSON for an event batch: {ex.Message}");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, "Request body too large", ApiRequestLimits.TooLargeDetail);
        }

        if (batch?.Events is not { Count: > 0 } events)
        {
            return BadBatch("The body must be a JSON object with a non-empty 'events' array.");
        }

        if (events.Count > EventBatchIngestor.MaxBatchSize)
        {
            return BadBatch(string.Create(CultureInfo.InvariantCulture,
                $"A batch holds at most {EventBatchIngestor.MaxBatchSize} events; this one has {events.Count}. Split it; nothing was stored."));
        }

        var result = await ingestor.IngestAsync(events, cancellationToken);
        return TypedResults.Ok(new EventBatchResponse(result.Accepted, result.Rejected, result.Errors));
    }

    private static ProblemHttpResult BadBatch(string detail) =>
        ApiProblems.Result(StatusCodes.Status400BadRequest, "Invalid event batch", detail);
}
