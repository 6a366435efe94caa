using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Security;

/// <summary>Staff accounts on the real Identity stores over a migrated SQLite database.</summary>
public sealed class StaffAccountsTests : IAsyncLifetime, IDisposable
{
    private const string Password = "long-enough-password-1";
    private readonly SqliteTestDatabase _db = new();
    private ServiceProvider _services = default!;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDbContextFactory<DashboardDbContext>>(_db)
            .AddSingleton(TimeProvider.System)
            .AddTransient<AuditLog>();
        services.AddStaffIdentity();
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Create_AddsUserWithRoles_AndAuditsIt()
    {
        var result = await Accounts().CreateAsync("ann@shop.example", "Ann", Password, [Roles.CrmStaff], "admin@shop.example");

        Assert.True(result.Succeeded);
        await using var db = _db.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal((AuditActions.UserCreated, result.UserId, "roles: CrmStaff", "admin@shop.example"), (entry.Action, entry.EntityId, entry.Details, entry.Actor));
    }

    [Theory]
    [InlineData("short-1")]
    [InlineData("only-letters-here")]
    [InlineData("111111111111")]
    public async Task Create_RefusesWeakPassword(string password)
    {
        var result = await Accounts().CreateAsync("ann@shop.example", null, password, [Roles.Analyst], "cli");

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public async Task Create_RefusesUnknownRole()
    {
        var result = await Accounts().CreateAsync("ann@shop.example", null, Password, ["Superuser"], "cli");

        Assert.False(result.Succeeded);
        Assert.Contains("Superuser", result.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRoles_RefusesToDemoteTheLastAdmin_ButAllowsItWhenAnotherAdminExists()
    {
        var first = await Accounts().CreateAsync("first@shop.example", null, Password, [Roles.Admin], "cli");

        var refused = await Accounts().SetRolesAsync(first.UserId!, [Roles.Analyst], "first@shop.example");
        await Accounts().CreateAsync("second@shop.example", null, Password, [Roles.Admin], "first@shop.example");
        var allowed = await Accounts().SetRolesAsync(first.UserId!, [Roles.Analyst], "second@shop.example");

        Assert.False(refused.Succeeded);
        Assert.True(allowed.Succeeded);
        await using var db = _db.CreateDbContext();
        var change = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.RolesChanged);
        Assert.Equal(("Admin -> Analyst", "second@shop.example"), (change.Details, change.Actor));
    }

    [Fact]
    public async Task ResetPassword_ReplacesThePassword_LiftsTheLockout_AndIsAudited()
    {
        var user = await Accounts().CreateAsync("ann@shop.example", null, Password, [Roles.Analyst], "cli");
        await Accounts().SetLockedAsync(user.UserId!, locked: true, "admin@shop.example");

        var weak = await Accounts().ResetPasswordAsync(user.UserId!, "short", "admin@shop.example");
        var reset = await Accounts().ResetPasswordAsync(user.UserId!, "brand-new-password-2", "admin@shop.example");

        Assert.False(weak.Succeeded);
        Assert.True(reset.Succeeded);
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DashboardUser>>();
        var stored = (await users.FindByIdAsync(user.UserId!))!;
        Assert.True(await users.CheckPasswordAsync(stored, "brand-new-password-2"));
        Assert.False(await users.IsLockedOutAsync(stored));
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.PasswordReset));
    }

    [Fact]
    public async Task ChangeOwnPassword_NeedsTheCurrentPassword()
    {
        await Accounts().CreateAsync("ann@shop.example", null, Password, [Roles.Analyst], "cli");

        var wrong = await Accounts().ChangeOwnPasswordAsync("ann@shop.example", "not-my-password-1", "brand-new-password-2");
        var right = await Accounts().ChangeOwnPasswordAsync("ann@shop.example", Password, "brand-new-password-2");

        Assert.False(wrong.Succeeded);
        Assert.True(right.Succeeded);
        await using var db = _db.CreateDbContext();
        Assert.Equal("ann@shop.example", (await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.PasswordChanged)).Actor);
    }

    private StaffAccounts Accounts() => _services.CreateScope().ServiceProvider.GetRequiredService<StaffAccounts>();
}
