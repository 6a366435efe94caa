using Microsoft.AspNetCore.Identity;

namespace Dashboard.Core.Security;

public sealed record StaffAccountResult(bool Succeeded, string? UserId, IReadOnlyList<string> Errors)
{
    public static StaffAccountResult Failed(params string[] errors) => new(false, null, errors);

    public static StaffAccountResult From(IdentityResult result, string? userId = null) =>
        new(result.Succeeded, result.Succeeded ? userId : null, result.Errors.Select(e => e.Description).ToList());
}

/// <summary>Creates staff users and changes their roles; every change is audited. Used by the CLI, start-up and the Users page.</summary>
public sealed class StaffAccounts(UserManager<DashboardUser> users, RoleManager<IdentityRole> roles, AuditLog audit, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var created = await roles.CreateAsync(new IdentityRole(role));
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }
        }
    }

    public async Task<StaffAccountResult> CreateAsync(string email, string? displayName, string password, IReadOnlyCollection<string> roleNames, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentNullException.ThrowIfNull(roleNames);
        var unknown = roleNames.Where(r => !Roles.IsKnown(r)).ToList();
        if (unknown.Count > 0)
        {
            return StaffAccountResult.Failed($"Unknown role(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Roles.All)}.");
        }

        await EnsureRolesAsync();
        var user = new DashboardUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return StaffAccountResult.From(created);
        }

        if (roleNames.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, roleNames);
            if (!added.Succeeded)
            {
                return StaffAccountResult.From(added);
            }
        }

        await audit.RecordAsync(actor, AuditActions.UserCreated, AuditEntities.User, user.Id, $"roles: {Describe(roleNames)}");
        return new StaffAccountResult(true, user.Id, []);
    }

    /// <summary>Replaces a user's roles. Refuses to remove the Admin role from the last admin, so nobody is locked out of administration.</summary>
    public async Task<StaffAccountResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roleNames, string actor)
    {
        ArgumentNullException.ThrowIfNull(roleNames);
        if (roleNames.Any(r => !Roles.IsKnown(r)))
        {
            return StaffAccountResult.Failed("Unknown role.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return StaffAccountResult.Failed("No such user.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !roleNames.Contains(Roles.Admin)
            && (await users.GetUsersInRoleAsync(Roles.Admin)).Count <= 1)
        {
            return StaffAccountResult.Failed("This is the last admin; make someone else an admin first.");
        }

        var removed = await users.RemoveFromRolesAsync(user, current.Except(roleNames));
        if (!removed.Succeeded)
        {
            return StaffAccountResult.From(removed);
        }

        var added = await users.AddToRolesAsync(user, roleNames.Except(current));
        if (!added.Succeeded)
        {
            return StaffAccountResult.From(added);
        }

        await audit.RecordAsync(actor, AuditActions.RolesChanged, AuditEntities.User, user.Id, $"{Describe(current)} -> {Describe(roleNames)}");
        return new StaffAccountResult(true, user.Id, []);
    }

    /// <summary>Blocks or unblocks sign-in for a user (indefinitely, until unlocked).</summary>
    public async Task<StaffAccountResult> SetLockedAsync(string userId, bool locked, string actor)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return StaffAccountResult.Failed("No such user.");
        }

        var result = await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordAsync(actor, AuditActions.UserLocked, AuditEntities.User, user.Id, locked ? "locked" : "unlocked");
        }

        return StaffAccountResult.From(result, user.Id);
    }

    /// <summary>An admin sets a new password for someone who forgot theirs; it also lifts a lockout.</summary>
    public async Task<StaffAccountResult> ResetPasswordAsync(string userId, string newPassword, string actor)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return StaffAccountResult.Failed("No such user.");
        }

        // Validate first, so that a weak password never leaves the account without one.
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, newPassword);
            if (!valid.Succeeded)
            {
                return StaffAccountResult.From(valid);
            }
        }

        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, newPassword) : removed;
        if (!added.Succeeded)
        {
            return StaffAccountResult.From(added);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(actor, AuditActions.PasswordReset, AuditEntities.User, user.Id);
        return new StaffAccountResult(true, user.Id, []);
    }

    /// <summary>A signed-in user changes their own password, proving they know the current one.</summary>
    public async Task<StaffAccountResult> ChangeOwnPasswordAsync(string userName, string currentPassword, string newPassword)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return StaffAccountResult.Failed("No such user.");
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (changed.Succeeded)
        {
            await audit.RecordAsync(userName, AuditActions.PasswordChanged, AuditEntities.User, user.Id);
        }

        return StaffAccountResult.From(changed, user.Id);
    }

    public async Task<bool> AnyAdminAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0;

    public Task<DashboardUser?> FindByEmailAsync(string email) => users.FindByEmailAsync(email);

    private static string Describe(IEnumerable<string> roleNames)
    {
        var list = roleNames.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}
