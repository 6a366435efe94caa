namespace Dashboard.Web.Api;

/// <summary>The names machine clients and the API's own code agree on.</summary>
public static class ApiKeyAuthentication
{
    /// <summary>The authentication scheme of the machine API; staff sign-in never applies there.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Where clients put the key; <c>Authorization: Bearer &lt;key&gt;</c> works too.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Sent with every 401, so that clients know which credentials to bring.</summary>
    public const string Challenge = "Bearer realm=\"dashboard-api\"";
}

/// <summary>The claims of an authenticated API key; the key's name is the principal's name.</summary>
public static class ApiClaims
{
    public const string KeyId = "api_key_id";

    /// <summary>One claim per scope the key holds (<see cref="Dashboard.Core.Security.ApiScopes"/>).</summary>
    public const string Scope = "scope";

    /// <summary>The key's own rate limit, read by the per-key limiter.</summary>
    public const string RequestsPerMinute = "api_requests_per_minute";
}
