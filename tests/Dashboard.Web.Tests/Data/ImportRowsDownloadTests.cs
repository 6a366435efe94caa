using System.Net;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;
using Dashboard.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Data;

/// <summary>The rejected-rows CSV of an import: every row, formulas defused, audited.</summary>
[Collection(HostsTheApp.Name)]
public sealed class ImportRowsDownloadTests(SecuredApp secured)
{
    [Fact]
    public async Task Download_ListsEveryRejectedAndFlaggedRow_WithFormulasEscaped_AndIsAudited()
    {
        using var response = await secured.ByRole[Roles.Admin].GetAsync(new Uri("/data/imports/1/rows.csv", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("line,outcome,rule,reason,raw_line", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"'=HYPERLINK(", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",\"'-2+3,@SUM(A1)\"", lines[2], StringComparison.Ordinal);
        await using var db = await secured.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ImportRowsExported && e.EntityId == "1"));
    }

    [Fact]
    public async Task ReportPage_ShowsRuleCountsAndTheAccountOfEveryRow()
    {
        var html = await secured.ByRole[Roles.Analyst].GetStringAsync(new Uri("/data/imports/1", UriKind.Relative));

        Assert.Contains("Every row is accounted for: 1 accepted + 1 flagged + 1 rejected = 3 read.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("malformed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("download-rows", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.MarketingManager, false)]
    [InlineData(Roles.CrmStaff, false)]
    [InlineData(Roles.Analyst, false)]
    public async Task DataPage_OffersTheUpload_OnlyToAdmins(string role, bool offered)
    {
        var html = await secured.ByRole[role].GetStringAsync(new Uri("/data", UriKind.Relative));

        Assert.Equal(offered, html.Contains("data-testid=\"import-upload\"", StringComparison.Ordinal));
    }
}
