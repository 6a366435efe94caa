using Dashboard.Core.Campaigns;
using System.Text.RegularExpressions;
using Dashboard.Core.Customers;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Security;

/// <summary>
/// The real app on an empty database with one signed-in client per role, one signed-in user without a role,
/// and a signed-out client; none follows redirects, so tests see what the server decided.
/// </summary>
public sealed partial class SecuredApp : IAsyncLifetime
{
    private readonly string _data = DashboardAppFactory.NewDataDirectory();

    public SecuredApp() => App = new DashboardAppFactory(_data, new Dictionary<string, string> { ["Demo:SeedWhenEmpty"] = "false" });

    public DashboardAppFactory App { get; }

    public Dictionary<string, HttpClient> ByRole { get; } = new(StringComparer.Ordinal);

    public HttpClient WithoutRole { get; private set; } = default!;

    public HttpClient SignedOut { get; private set; } = default!;

    /// <summary>Customer 1, so that profile and export addresses lead somewhere.</summary>
    public const string CustomerEmail = "ann.archer@example.com";

    /// <summary>A raw line of import run 1 that a spreadsheet would run as a formula.</summary>
    public const string FormulaLine = "=HYPERLINK(\"http://evil.example\",\"click\")";

    public async Task InitializeAsync()
    {
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            db.Customers.Add(new Customer
            {
                ExternalId = "C-1", FirstName = "Ann", LastName = "Archer", Email = CustomerEmail, Phone = "+44 20 7946 0958",
                Country = "United Kingdom", CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            });
            // Campaign 1, launched, so that its downloads lead somewhere.
            db.Campaigns.Add(new Campaign
            {
                Name = "Seeded campaign", Status = CampaignStatus.Running, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                LaunchedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            });
            db.ImportRuns.Add(new ImportRun
            {
                Source = "orders.csv", Format = "csv", Kind = ImportKind.Orders, Status = ImportStatus.Succeeded,
                StartedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), RowsRead = 3, RowsAccepted = 1, RowsRejected = 1, RowsFlagged = 1,
                RuleCounts = [new ImportRuleCount { Rule = ImportRules.Malformed, Rows = 1 }, new ImportRuleCount { Rule = ImportRules.Outlier, Rows = 1 }],
                RejectedRows =
                [
                    new ImportRejectedRow { LineNumber = 2, Rule = ImportRules.Malformed, Reason = "bad quote", RawLine = FormulaLine },
                    new ImportRejectedRow { LineNumber = 3, Rule = ImportRules.Outlier, Outcome = ImportRowOutcome.Flagged, Reason = "price 9000 is far above the typical 2.5", RawLine = "-2+3,@SUM(A1)" },
                ],
            });
            await db.SaveChangesAsync();
        }

        SignedOut = App.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var role in Roles.All)
        {
            ByRole[role] = await App.SignedInClientAsync(role);
        }

        WithoutRole = App.CreateClient(new() { AllowAutoRedirect = false });
        var email = await App.CreateStaffAsync();
        await WithoutRole.PostSignInFormAsync(email, StaffSignIn.Password);
    }

    /// <summary>Every routed endpoint of the running app, as the routing system knows them.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    public static bool IsStaticAsset(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;

    /// <summary>A concrete address for a route template: ids become 1, catch-alls become empty or a file name.</summary>
    public static string Address(string template)
    {
        var path = RouteParameter().Replace(template, m => m.Value switch
        {
            var v when v.Contains(":file", StringComparison.Ordinal) => "no-such-file.txt",
            var v when v.StartsWith("{**", StringComparison.Ordinal) || v.StartsWith("{*", StringComparison.Ordinal) => "",
            _ => "1",
        });
        path = "/" + path.Trim('/');
        return path;
    }

    public static string Method(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is [var first, ..] ? first : "GET";

    public async Task DisposeAsync()
    {
        foreach (var client in ByRole.Values.Append(WithoutRole).Append(SignedOut))
        {
            client?.Dispose();
        }

        await App.DisposeAsync();
        DashboardAppFactory.DeleteDataDirectory(_data);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
