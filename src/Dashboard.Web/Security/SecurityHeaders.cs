using System.Security.Cryptography;

namespace Dashboard.Web.Security;

/// <summary>Browser-side hardening sent with every response.</summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The nonce that lets this response's one inline script (Blazor's import map) run.</summary>
    public static string? CspNonce(this HttpContext context) =>
        context?.Items.TryGetValue(NonceKey, out var nonce) == true ? nonce as string : null;

    /// <summary>
    /// What Blazor Server and MudBlazor need and no more: scripts only from this site (plus the nonce-tagged import
    /// map), the circuit's WebSocket back to this site, inline styles (MudBlazor sets style attributes and a theme
    /// &lt;style&gt;), data: images and fonts (MudBlazor's icons), and no framing by anyone.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            // Hex, not base64: "+" and "/" would be HTML-encoded in the attribute (browsers decode it, but plain is plainer).
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return next(context);
        });
    }
}
