using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api;

/// <summary>
/// Every error of the machine API is an RFC 9457 problem (<c>application/problem+json</c> with type, title,
/// status and detail), including those raised outside endpoints: authentication, rate limiting and size limits.
/// </summary>
public static class ApiProblems
{
    public static ProblemHttpResult Result(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeOf(status));

    /// <summary>
    /// A 400 naming each bad field: in the detail as <c>field: message</c> sentences, and in an <c>errors</c> extension
    /// mapping fields to messages, the shape of ASP.NET Core's validation problems.
    /// </summary>
    public static ProblemHttpResult Invalid(string title, IReadOnlyList<(string Field, string Message)> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var byField = errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        return TypedResults.Problem(
            string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")),
            statusCode: StatusCodes.Status400BadRequest,
            title: title,
            type: TypeOf(StatusCodes.Status400BadRequest),
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["errors"] = byField });
    }

    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        Result(status, title, detail).ExecuteAsync(context);

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
