using Bunit;
using Dashboard.Core.Security;
using Dashboard.Web.Admin;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

public sealed class AuditLogPageTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Search_FiltersByActionEntityAndDay_NewestFirst()
    {
        SignInAs(Roles.Admin);
        var database = UseDatabase(Now);
        await using (var db = database.CreateDbContext())
        {
            db.AuditEntries.AddRange(
                Entry(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), "crm@shop.example", AuditActions.ProfileViewed, AuditEntities.Customer, "7"),
                Entry(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), "crm@shop.example", AuditActions.CustomerExported, AuditEntities.Customer, "7"),
                Entry(new DateTime(2026, 3, 2, 23, 59, 0, DateTimeKind.Utc), "admin@shop.example", AuditActions.ProfileViewed, AuditEntities.Customer, "8"),
                Entry(new DateTime(2026, 3, 3, 0, 0, 1, DateTimeKind.Utc), "admin@shop.example", AuditActions.RolesChanged, AuditEntities.User, "u1"));
            await db.SaveChangesAsync();
        }

        var service = Services.GetRequiredService<AuditLogService>();

        var forCustomer7 = await service.SearchAsync(new AuditQuery(null, null, AuditEntities.Customer, "7", null, null, 0, 50));
        var views = await service.SearchAsync(new AuditQuery(null, AuditActions.ProfileViewed, null, null, null, null, 0, 50));
        var onMarch2 = await service.SearchAsync(new AuditQuery(null, null, null, null, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), 0, 50));
        var byAdmin = await service.SearchAsync(new AuditQuery("admin@", null, null, null, null, null, 0, 1));

        Assert.Equal([AuditActions.CustomerExported, AuditActions.ProfileViewed], forCustomer7.Rows.Select(r => r.Action));
        Assert.Equal(["8", "7"], views.Rows.Select(r => r.EntityId));
        Assert.Equal(2, onMarch2.TotalCount);
        Assert.Equal((2, AuditActions.RolesChanged), (byAdmin.TotalCount, Assert.Single(byAdmin.Rows).Action));
    }

    [Fact]
    public async Task Render_ListsEntries_WithLinksToTheCustomer()
    {
        SignInAs(Roles.Admin);
        var database = UseDatabase(Now);
        await using (var db = database.CreateDbContext())
        {
            db.AuditEntries.Add(Entry(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), "crm@shop.example", AuditActions.CustomerErased, AuditEntities.Customer, "42"));
            await db.SaveChangesAsync();
        }

        var cut = Render<AuditLogPage>();
        cut.WaitForState(() => cut.FindAll("tbody tr.mud-table-row").Count == 1, LoadTimeout);

        var row = cut.Find("tbody tr.mud-table-row");
        Assert.Contains("crm@shop.example", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(AuditActions.CustomerErased, row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/customers/42", row.QuerySelector("a")!.GetAttribute("href"));
    }

    private static AuditEntry Entry(DateTime at, string actor, string action, string entityType, string entityId) =>
        new() { At = at, Actor = actor, Action = action, EntityType = entityType, EntityId = entityId };
}
