using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Admin;

public sealed record StaffUserRow(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, DateTime CreatedAt, bool LockedOut, int FailedSignIns);

/// <summary>
/// The Users page's operations. Each runs in its own DI scope: Identity's stores hold a DbContext, and one that
/// lived as long as the circuit would show stale users.
/// </summary>
public sealed class StaffUsersService(IDbContextFactory<DashboardDbContext> contexts, IServiceScopeFactory scopes, CurrentStaff staff, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffUserRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var roleNames = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            select new { ur.UserId, r.Name }).ToListAsync(ct);
        var rolesByUser = roleNames.ToLookup(x => x.UserId, x => x.Name!);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users
            .Select(u => new StaffUserRow(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName, [.. rolesByUser[u.Id].Order(StringComparer.Ordinal)],
                u.CreatedAt, u.LockoutEnd is { } end && end > now, u.AccessFailedCount))
            .ToList();
    }

    public async Task<StaffAccountResult> CreateAsync(string email, string? displayName, string password, IReadOnlyCollection<string> roles)
    {
        var actor = await staff.ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, displayName, password, roles, actor);
    }

    public async Task<StaffAccountResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles)
    {
        var actor = await staff.ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetRolesAsync(userId, roles, actor);
    }

    public async Task<StaffAccountResult> ResetPasswordAsync(string userId, string newPassword)
    {
        var actor = await staff.ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ResetPasswordAsync(userId, newPassword, actor);
    }

    public async Task<StaffAccountResult> ChangeOwnPasswordAsync(string currentPassword, string newPassword)
    {
        var actor = await staff.ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ChangeOwnPasswordAsync(actor, currentPassword, newPassword);
    }

    public async Task<StaffAccountResult> SetLockedAsync(string userId, bool locked)
    {
        var actor = await staff.ActorAsync();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetLockedAsync(userId, locked, actor);
    }
}
