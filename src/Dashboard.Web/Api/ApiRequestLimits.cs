using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace Dashboard.Web.Api;

/// <summary>
/// The largest request body the machine API reads: 1 MiB, ample for the biggest event batch (500 events of a few
/// hundred bytes each) and far below the server's 30 MB default. Larger bodies get 413 before anything is parsed.
/// </summary>
public static class ApiRequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static readonly string TooLargeDetail =
        string.Create(CultureInfo.InvariantCulture, $"The request body may be at most {MaxBodyBytes:N0} bytes (1 MiB).");

    /// <summary>Refuses bodies that declare a larger length, and caps those that do not (chunked) where the server allows it.</summary>
    public static Task LimitBodySizeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", TooLargeDetail);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        return next(context);
    }
}
