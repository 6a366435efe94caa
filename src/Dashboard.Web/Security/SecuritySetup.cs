using Dashboard.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Security;

/// <summary>Sign-in (Identity cookies), the role policies, and the rule that everything needs a signed-in member of staff.</summary>
public static class SecuritySetup
{
    public const string SignInPath = "/login";
    public const string SignOutPath = "/account/logout";
    public const string AccessDeniedPath = "/access-denied";

    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
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
