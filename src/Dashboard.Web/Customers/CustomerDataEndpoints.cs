using System.Globalization;
using Dashboard.Core.Privacy;
using Dashboard.Web.Security;

namespace Dashboard.Web.Customers;

/// <summary>The GDPR download: everything held about one customer, as a JSON file (audited by the exporter).</summary>
public static class CustomerDataEndpoints
{
    public static IEndpointRouteBuilder MapCustomerDataEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/customers/{id:int}/export", ExportAsync).RequireAuthorization(Policies.HandleDataRequests);
        return app;
    }

    private static async Task<IResult> ExportAsync(int id, HttpContext http, CustomerDataExporter exporter, CancellationToken ct)
    {
        var export = await exporter.ExportAsync(id, http.User.Identity?.Name ?? "unknown", ct);
        if (export is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such customer");
        }

        // Personal data: the browser must not keep a copy in its cache.
        http.Response.Headers.CacheControl = "no-store";
        var fileName = string.Create(CultureInfo.InvariantCulture, $"customer-{id}-{export.GeneratedAt:yyyyMMdd-HHmmss}.json");
        return TypedResults.Stream(stream => export.WriteJsonAsync(stream, ct), "application/json", fileName);
    }
}
