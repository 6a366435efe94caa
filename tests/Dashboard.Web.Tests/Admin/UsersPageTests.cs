using Bunit;
using Dashboard.Core.Security;
using Dashboard.Web.Admin;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

/// <summary>The Users page on the real Identity stores over a migrated SQLite database.</summary>
public sealed class UsersPageTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lock_BlocksTheUser_AndIsAudited()
    {
        SignInAs(Roles.Admin);
        Services.AddStaffIdentity();
        var database = UseDatabase(Now);
        await CreateAsync("carla@shop.example", Roles.CrmStaff);

        var cut = Render<UsersPage>();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count == 1, LoadTimeout);
        var row = cut.Find("tbody tr.mud-table-row");
        Assert.Contains("carla@shop.example", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("active", row.TextContent, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.FindAll("tbody tr.mud-table-row button").Single(b => b.TextContent.Trim() == "Lock").Click());

        cut.WaitForAssertion(() => Assert.Contains("locked", cut.Find("tbody tr.mud-table-row").TextContent, StringComparison.Ordinal), LoadTimeout);
        await using var db = database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.UserLocked);
        Assert.Equal(("admin@test.example", "locked"), (entry.Actor, entry.Details));
    }

    [Fact]
    public async Task Service_ChangesRoles_AndTheListShowsThem()
    {
        SignInAs(Roles.Admin);
        Services.AddStaffIdentity();
        UseDatabase(Now);
        var id = await CreateAsync("max@shop.example", Roles.Analyst);
        var users = Services.GetRequiredService<StaffUsersService>();

        var result = await users.SetRolesAsync(id, [Roles.MarketingManager, Roles.Analyst]);

        Assert.True(result.Succeeded);
        Assert.Equal([Roles.Analyst, Roles.MarketingManager], Assert.Single(await users.ListAsync()).Roles);
    }

    private async Task<string> CreateAsync(string email, string role)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, null, "long-enough-password-1", [role], "test");
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        return created.UserId!;
    }
}
