using Dashboard.Core.Security;
using Dashboard.Web.Admin;
using Dashboard.Web.Api;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Customers;
using Dashboard.Web.Data;
using Dashboard.Web.Experiments;
using Dashboard.Web.ModelsAndJobs;
using Dashboard.Web.Overview;
using Dashboard.Web.Security;
using Dashboard.Web.Segments;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Layout;

/// <summary>Wires the Blazor Server UI: components, MudBlazor, the pages' query services and the endpoints.</summary>
public static class UiSetup
{
    /// <summary>Where the Hangfire dashboard is mounted (by the jobs feature); the app bar links to it.</summary>
    public const string JobsDashboardPath = "/jobs";

    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = true;
        });
        builder.Services.AddDashboardPages();
        return builder;
    }

    /// <summary>The pages' services; also used by the bUnit tests so that they render what the app renders.</summary>
    public static IServiceCollection AddDashboardPages(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        // One per circuit: the light/dark choice lives as long as the browser tab's connection.
        services.AddScoped<ThemeState>();

        services.AddScoped<CurrentStaff>();
        services.TryAddTransient<AuditLog>();
        services.AddScoped<OverviewService>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<StaffUsersService>();
        services.AddScoped<CustomerListService>();
        services.AddScoped<CustomerDetailService>();
        services.AddScoped<CustomerScoresService>();
        services.AddScoped<CustomerTimelineService>();
        services.AddScoped<ProfileRecommendationService>();
        services.AddScoped<SegmentsService>();
        services.AddScoped<ModelsAndJobsService>();
        services.AddScoped<RecommendersService>();
        services.AddScoped<DataInventoryService>();
        services.AddScoped<ImportReportService>();
        services.TryAddSingleton<ImportRunner>();
        services.AddScoped<ExperimentsService>();
        services.AddScoped<ApiKeysPageService>();
        return services;
    }

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);

            // Browsers remember to use HTTPS only; plain HTTP is redirected when the server has an HTTPS port.
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        // A mistyped address gets the app's "not found" page rather than an empty 404; but not under the
        // Hangfire dashboard, whose bodiless 401/403 must stay what they are, nor under the machine API,
        // whose errors are problem bodies for programs.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if ((context.Request.Path.StartsWithSegments(JobsDashboardPath, StringComparison.OrdinalIgnoreCase) || MachineApiSetup.IsApiRequest(context))
                && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            return next(context);
        });
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Styles, scripts and images are public so that the sign-in page can use them; nothing in them is private.
        app.MapStaticAssets().AllowAnonymous();
        // Our own CSP already says frame-ancestors 'none'; the framework's second header would only repeat it weaker.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.MapCustomerDataEndpoints();
        app.MapImportEndpoints();
        app.MapCampaignExportEndpoints();
        return app;
    }
}
