using System.Globalization;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

/// <summary>Downloads of import reports. Raw lines may hold personal data: the download needs that permission and is audited.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/data/imports/{id:int}/rows.csv", DownloadRowsAsync).RequireAuthorization(Policies.ViewPersonalData);
        return app;
    }

    private static async Task<IResult> DownloadRowsAsync(int id, HttpContext http, ImportReportService reports, AuditLog audit,
        IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.ImportRuns.AnyAsync(r => r.Id == id, ct))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such import run");
            }
        }

        var runId = id.ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(http.User.Identity?.Name ?? "unknown", AuditActions.ImportRowsExported, AuditEntities.ImportRun, runId, ct: ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(stream => reports.WriteRowsCsvAsync(id, stream, ct), "text/csv", $"import-{runId}-rejected-and-flagged.csv");
    }
}
