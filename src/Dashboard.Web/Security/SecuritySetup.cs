using Dashboard.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Security;

/// <summary>Sign-in (Identity cookies), the role policies, and the rule that everything needs a signed-in member of staff.</summary>
public static class SecuritySetup
{
    public const string SignInPath = "/login";
    public const string SignOutPath = "/account/logout";
    public const string AccessDeniedPath = "/access-denied";

    /// <summary>The largest request body accepted anywhere unless an endpoint says otherwise (4 MB).</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // No request body needs more than this by default; endpoints that take files or batches set their own limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.MultipartBodyLengthLimit = MaxRequestBodyBytes);
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });

        services.AddCascadingAuthenticationState();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddStaffIdentity().AddSignInManager();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Cookie.Name = "dashboard.auth";
            cookie.Cookie.HttpOnly = true;
            // Lax, not Strict: a link from an e-mail or chat must open the page signed in; antiforgery guards the posts.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        // A page or endpoint that names no policy still needs a member of staff: forgetting an attribute fails closed.
        services.AddAuthorizationBuilder()
            .AddStaffPolicies()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().RequireRole(Roles.All).Build());

        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.Section);
        services.AddTransient<StaffBootstrapper>();
        return builder;
    }

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // A form post (antiforgery-checked because it binds a form field) rather than a GET, so a link cannot sign anyone out.
        app.MapPost(SignOutPath, async (SignInManager<DashboardUser> signIn, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(SignInPath);
        }).RequireAuthorization();
        return app;
    }
}
