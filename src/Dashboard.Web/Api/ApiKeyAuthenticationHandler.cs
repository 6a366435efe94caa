using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Api;

/// <summary>
/// Authenticates machine clients by API key (<c>X-Api-Key</c> or <c>Authorization: Bearer</c>), and answers
/// its own 401 and 403 with problem bodies, so that no other scheme's redirect ever reaches an API client.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var verification = await keys.VerifyAsync(presented, Context.RequestAborted);
        if (verification.Key is not { } key)
        {
            // The reason is safe to show: it never repeats the presented key.
            return AuthenticateResult.Fail(Describe(verification.Failure));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(ApiClaims.KeyId, key.Id.ToString(CultureInfo.InvariantCulture)),
            new(ApiClaims.RequestsPerMinute, key.RequestsPerMinute.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(key.Scopes.Select(scope => new Claim(ApiClaims.Scope, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is { } failure)
        {
            Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.Challenge}, error=\"invalid_token\"";
            await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key rejected", failure.Message);
            return;
        }

        Response.Headers.WWWAuthenticate = ApiKeyAuthentication.Challenge;
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "API key required",
            $"Send an API key in the {ApiKeyAuthentication.HeaderName} header or as 'Authorization: Bearer <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => ApiPolicies.ScopeOf(a.Policy)).OfType<string>().ToList() ?? [];
        var detail = needed.Count > 0
            ? $"This key lacks the scope this endpoint requires: {string.Join(", ", needed)}."
            : "This key may not call this endpoint.";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Missing scope", detail);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers[ApiKeyAuthentication.HeaderName].ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > BearerPrefix.Length
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
    }

    private static string Describe(ApiKeyFailure? failure) => failure switch
    {
        ApiKeyFailure.Malformed => "The API key is not in the expected format (mkd_<id>_<secret>).",
        ApiKeyFailure.Revoked => "The API key has been revoked.",
        _ => "The API key is not valid.",
    };
}
