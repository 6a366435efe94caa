using Bunit;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Admin;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Admin;

public sealed class ApiKeysPageTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ListsKeysWithScopesLimitAndStatus()
    {
        var keys = SignedInAdminWithKeys();
        await keys.CreateAsync(new NewApiKey("Shop front", [ApiScopes.EventsWrite, ApiScopes.RecommendationsRead], 1200), "alice");
        var old = await keys.CreateAsync(new NewApiKey("Old CRM sync", [ApiScopes.AudiencesRead], 60), "bob");
        await keys.RevokeAsync(old.Id, "alice");

        var cut = Render<ApiKeysPage>();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count == 2, Timeout);

        var rows = cut.FindAll("tbody tr.mud-table-row");
        var shop = rows.Single(r => r.TextContent.Contains("Shop front", StringComparison.Ordinal));
        Assert.Equal(["events:write", "recommendations:read"], shop.QuerySelectorAll(".mud-chip").Select(c => c.TextContent.Trim()).Where(t => t.Contains(':', StringComparison.Ordinal)));
        Assert.Contains("1,200/min", shop.TextContent, StringComparison.Ordinal);
        Assert.Contains("alice", shop.TextContent, StringComparison.Ordinal);
        Assert.Contains("never", shop.TextContent, StringComparison.Ordinal);
        Assert.Equal("Active", shop.QuerySelector("[data-testid=api-key-status]")!.TextContent.Trim());
        var crm = rows.Single(r => r.TextContent.Contains("Old CRM sync", StringComparison.Ordinal));
        Assert.StartsWith("Revoked", crm.QuerySelector("[data-testid=api-key-status]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(crm.QuerySelectorAll("[data-testid=revoke-api-key]"));
        Assert.Contains(old.Prefix, crm.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewKey_ShowsWorkingKeyOnceThenListsItWithoutSecret()
    {
        var keys = SignedInAdminWithKeys();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiKeysPage>();
        cut.WaitForState(() => cut.Markup.Contains("No API keys yet", StringComparison.Ordinal), Timeout);

        cut.Find("[data-testid=new-api-key]").Click();
        dialogs.WaitForElement("input[data-testid=api-key-name]", Timeout).Change("Shop front");
        dialogs.Find("input[data-testid='scope-events:write']").Change(true);
        dialogs.Find("[data-testid=create-api-key]").Click();
        var shown = dialogs.WaitForElement("[data-testid=created-api-key]", Timeout).TextContent.Trim();

        Assert.Matches("^mkd_[a-z0-9]{8}_[A-Za-z0-9]{40}$", shown);
        Assert.Contains("cannot be shown again", dialogs.Find("[data-testid=shown-once-warning]").TextContent, StringComparison.Ordinal);
        var verification = await keys.VerifyAsync(shown);
        Assert.Equal([ApiScopes.EventsWrite], verification.Key?.Scopes);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal("admin", (await db.ApiKeys.SingleAsync()).CreatedBy);
            Assert.Equal("admin", (await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.ApiKeyCreated)).Actor);
        }

        dialogs.Find("[data-testid=api-key-done]").Click();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count == 1, Timeout);

        Assert.Empty(dialogs.FindAll("[data-testid=created-api-key]"));
        Assert.DoesNotContain(shown, cut.Markup + dialogs.Markup, StringComparison.Ordinal);
        Assert.Contains(shown[..12], cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewKey_ExplainsAndCreatesNothing_WhenNoScopeIsChosen()
    {
        var keys = SignedInAdminWithKeys();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiKeysPage>();
        cut.WaitForState(() => cut.Markup.Contains("No API keys yet", StringComparison.Ordinal), Timeout);

        cut.Find("[data-testid=new-api-key]").Click();
        dialogs.WaitForElement("input[data-testid=api-key-name]", Timeout).Change("Shop front");
        dialogs.Find("[data-testid=create-api-key]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Choose at least one scope.", dialogs.Markup, StringComparison.Ordinal), Timeout);
        Assert.Empty(await keys.ListAsync());
    }

    [Fact]
    public async Task Revoke_RevokesKey_WhenConfirmed()
    {
        var keys = SignedInAdminWithKeys();
        var created = await keys.CreateAsync(new NewApiKey("Shop front", [ApiScopes.EventsWrite], 60), "alice");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ApiKeysPage>();
        cut.WaitForState(() => cut.FindAll("[data-testid=revoke-api-key]").Count == 1, Timeout);

        cut.Find("[data-testid=revoke-api-key]").Click();
        dialogs.WaitForElement(".mud-message-box", Timeout);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();
        cut.WaitForState(() => cut.FindAll("[data-testid=revoke-api-key]").Count == 0, Timeout);

        Assert.Equal(ApiKeyFailure.Revoked, (await keys.VerifyAsync(created.Key)).Failure);
        Assert.StartsWith("Revoked", cut.Find("[data-testid=api-key-status]").TextContent.Trim(), StringComparison.Ordinal);
    }

    /// <summary>The page's services on a fresh database, as signed-in admin "admin"; returns the key service for arranging and checking.</summary>
    private ApiKeyService SignedInAdminWithKeys()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles(Roles.Admin);
        Services.AddTransient<AuditLog>();
        Services.AddTransient<ApiKeyService>();
        UseDatabase(Now);
        return Services.GetRequiredService<ApiKeyService>();
    }
}
