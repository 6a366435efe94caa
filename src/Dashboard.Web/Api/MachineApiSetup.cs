using Microsoft.AspNetCore.Authentication;

namespace Dashboard.Web.Api;

/// <summary>
/// Wires the machine API under <c>/api</c>: API key authentication, scope policies, a rate limit per key, a body
/// size limit, and problem bodies for every error. Served by the web role, beside the UI.
/// </summary>
public static class MachineApiSetup
{
    public const string PathPrefix = "/api";

    public static WebApplicationBuilder AddMachineApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, displayName: null, configureOptions: null);
        builder.Services.AddAuthorizationBuilder().AddApiPolicies();
        builder.Services.AddRateLimiter(options => options.AddPolicy<string, ApiKeyRateLimitPolicy>(ApiKeyRateLimitPolicy.Name));
        return builder;
    }

    /// <summary>
    /// The API's middleware (for <c>/api</c> requests only) and endpoints. Call it after <c>MapDashboardUi</c>, so that
    /// its exception handler sits inside the UI's and an API failure is a problem body rather than the error page.
    /// </summary>
    public static WebApplication MapMachineApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(IsApiRequest, api =>
        {
            // An unhandled exception is a problem, not the UI's error page: 500, or the client error a bad
            // request carries (in Development, minimal APIs throw on an unparsable value instead of answering 400).
            // Errors without a body (the same, outside Development) become problems too.
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            api.UseStatusCodePages();
            api.Use(ApiRequestLimits.LimitBodySizeAsync);
            api.Use(UseApiKeyIdentityAsync);
            api.UseRateLimiter();
        });

        var group = app.MapGroup(PathPrefix)
            .RequireAuthorization(ApiPolicies.Client)
            .RequireRateLimiting(ApiKeyRateLimitPolicy.Name);
        group.MapEventEndpoints();
        group.MapRecommendationEndpoints();
        group.MapServingEndpoints();
        group.MapAudienceEndpoints();
        group.MapExperimentEndpoints();
        group.MapFallback(() => ApiProblems.Result(StatusCodes.Status404NotFound, "Not found", "There is no API endpoint at this path."));
        return app;
    }

    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The rate limiter partitions by key, so the key's identity must be on the request before it runs, whatever
    /// the order of the app's authentication middleware (the cookie scheme, the default, knows nothing of keys).
    /// </summary>
    private static async Task UseApiKeyIdentityAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.FindFirst(ApiClaims.KeyId) is null
            && await context.AuthenticateAsync(ApiKeyAuthentication.Scheme) is { Succeeded: true, Principal: { } principal })
        {
            context.User = principal;
        }

        await next(context);
    }
}
