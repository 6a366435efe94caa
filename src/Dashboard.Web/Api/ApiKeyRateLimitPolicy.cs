using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Dashboard.Web.Api;

/// <summary>
/// Each API key gets its own fixed one-minute window of <c>RequestsPerMinute</c> requests; beyond that the
/// API answers 429 with <c>Retry-After</c>. The windows live in this process: with several web instances, each allows the full limit.
/// </summary>
public sealed class ApiKeyRateLimitPolicy : IRateLimiterPolicy<string>
{
    public const string Name = "api-per-key";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // The policy's own handler, so that whatever global rejection handler the app configures, API clients get a problem body.
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This key's limit of requests per minute is used up; retry in {seconds} s.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var user = httpContext.User;
        if (user.FindFirst(ApiClaims.KeyId)?.Value is not { } keyId
            || !int.TryParse(user.FindFirst(ApiClaims.RequestsPerMinute)?.Value, CultureInfo.InvariantCulture, out var limit))
        {
            // No key: authorization refuses the request anyway, after a key lookup that costs one indexed query.
            return RateLimitPartition.GetNoLimiter("no-key");
        }

        // The limit is part of the partition key, in case a key's limit ever changes while its window is open.
        return RateLimitPartition.GetFixedWindowLimiter($"{keyId}/{limit}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = Window,
            QueueLimit = 0,
        });
    }
}
