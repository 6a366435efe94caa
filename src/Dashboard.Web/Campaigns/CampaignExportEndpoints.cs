using System.Globalization;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Exports;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Campaigns;

/// <summary>Downloads of a launched campaign's lists for outside tools; each is a contact-list export and audited.</summary>
public static class CampaignExportEndpoints
{
    public static IEndpointRouteBuilder MapCampaignExportEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/campaigns/{id:int}/ad-audience.csv", AdAudienceAsync).RequireAuthorization(Policies.ExportContactLists);
        return app;
    }

    private static async Task<IResult> AdAudienceAsync(int id, int? variant, HttpContext http, AdAudienceExport export, AuditLog audit,
        IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var status = await db.Campaigns.Where(c => c.Id == id).Select(c => (CampaignStatus?)c.Status).SingleOrDefaultAsync(ct);
            if (status is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such campaign");
            }

            if (status is CampaignStatus.Draft or CampaignStatus.Scheduled)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not launched yet",
                    detail: "The promo list is written at launch; export it once the campaign is running.");
            }
        }

        var campaignId = id.ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(http.User.Identity?.Name ?? "unknown", AuditActions.ContactListExported, AuditEntities.Campaign, campaignId,
            variant is { } v ? $"ad audience (hashed), variant {v.ToString(CultureInfo.InvariantCulture)}" : "ad audience (hashed)", ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(stream => export.WriteAsync(id, variant, stream, ct), "text/csv", $"campaign-{campaignId}-ad-audience.csv");
    }
}
