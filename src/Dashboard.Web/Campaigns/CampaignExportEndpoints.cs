using System.Globalization;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Exports;
using Dashboard.Core.Experiments.Reports;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Campaigns;

/// <summary>
/// Downloads of a launched campaign for outside tools: its lists (contact-list exports, audited) and its A/B report
/// (aggregates only, for every member of staff).
/// </summary>
public static class CampaignExportEndpoints
{
    public static IEndpointRouteBuilder MapCampaignExportEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/campaigns/{id:int}/contact-list.csv", ContactListAsync).RequireAuthorization(Policies.ExportContactLists);
        app.MapGet("/campaigns/{id:int}/ad-audience.csv", AdAudienceAsync).RequireAuthorization(Policies.ExportContactLists);
        app.MapGet("/campaigns/{id:int}/report.csv", ReportAsync).RequireAuthorization(Policies.Staff);
        return app;
    }

    /// <summary>The report's rows; only the header while there is nothing to analyse yet (as the report page says "No report yet").</summary>
    private static async Task<IResult> ReportAsync(int id, CampaignAnalysis analyses, IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.Campaigns.AnyAsync(c => c.Id == id, ct))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such campaign");
            }
        }

        var result = await analyses.GetAsync(id, ct);
        return TypedResults.Stream(stream => ReportCsv.WriteAsync(result, stream, ct), "text/csv",
            string.Create(CultureInfo.InvariantCulture, $"campaign-{id}-report.csv"));
    }

    private static async Task<IResult> ContactListAsync(int id, HttpContext http, ContactListExport export, AuditLog audit,
        IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        if (await NotLaunchedAsync(id, contexts, ct) is { } problem)
        {
            return problem;
        }

        await RecordAsync(http, audit, id, "contact list for the sending tool", ct);
        return TypedResults.Stream(stream => export.WriteAsync(id, stream, ct), "text/csv", ContactListExport.FileName(id));
    }

    private static async Task<IResult> AdAudienceAsync(int id, int? variant, HttpContext http, AdAudienceExport export, AuditLog audit,
        IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        if (await NotLaunchedAsync(id, contexts, ct) is { } problem)
        {
            return problem;
        }

        await RecordAsync(http, audit, id, variant is { } v ? $"ad audience (hashed), variant {v.ToString(CultureInfo.InvariantCulture)}" : "ad audience (hashed)", ct);
        return TypedResults.Stream(stream => export.WriteAsync(id, variant, stream, ct), "text/csv",
            string.Create(CultureInfo.InvariantCulture, $"campaign-{id}-ad-audience.csv"));
    }

    /// <summary>404 for an unknown campaign, 409 before launch (the promo list is written at launch); null when there is a list.</summary>
    private static async Task<IResult?> NotLaunchedAsync(int id, IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var launchedAt = await db.Campaigns.Where(c => c.Id == id).Select(c => new { c.LaunchedAt }).SingleOrDefaultAsync(ct);
        return launchedAt switch
        {
            null => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such campaign"),
            { LaunchedAt: null } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not launched yet",
                detail: "The promo list is written at launch; export it once the campaign is running."),
            _ => null,
        };
    }

    private static async Task RecordAsync(HttpContext http, AuditLog audit, int id, string details, CancellationToken ct)
    {
        await audit.RecordAsync(http.User.Identity?.Name ?? "unknown", AuditActions.ContactListExported, AuditEntities.Campaign,
            id.ToString(CultureInfo.InvariantCulture), details, ct);
        http.Response.Headers.CacheControl = "no-store";
    }
}
