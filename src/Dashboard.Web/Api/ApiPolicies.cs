using Dashboard.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Api;

/// <summary>
/// The machine API's authorization policies. Each names the API key scheme itself, so that the staff
/// sign-in (cookie, the app's default) is never asked: an API call without a key gets a 401 problem, never a login page.
/// </summary>
public static class ApiPolicies
{
    /// <summary>Any valid, unrevoked API key; the whole <c>/api</c> group requires it.</summary>
    public const string Client = "api:client";

    public const string EventsWrite = "api:" + ApiScopes.EventsWrite;
    public const string RecommendationsRead = "api:" + ApiScopes.RecommendationsRead;
    public const string AudiencesRead = "api:" + ApiScopes.AudiencesRead;
    public const string ExperimentsAnalyze = "api:" + ApiScopes.ExperimentsAnalyze;

    private static readonly Dictionary<string, string> ScopeByPolicy = new(StringComparer.Ordinal)
    {
        [EventsWrite] = ApiScopes.EventsWrite,
        [RecommendationsRead] = ApiScopes.RecommendationsRead,
        [AudiencesRead] = ApiScopes.AudiencesRead,
        [ExperimentsAnalyze] = ApiScopes.ExperimentsAnalyze,
    };

    /// <summary>The scope a policy requires, or null when it is not a scope policy.</summary>
    public static string? ScopeOf(string? policy) => policy is not null && ScopeByPolicy.TryGetValue(policy, out var scope) ? scope : null;

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPolicy(Client, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).RequireAuthenticatedUser());
        foreach (var (policy, scope) in ScopeByPolicy)
        {
            builder.AddPolicy(policy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.Scheme).RequireAuthenticatedUser().RequireClaim(ApiClaims.Scope, scope));
        }

        return builder;
    }
}
