using Dashboard.Core.Security;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>At start-up: the roles exist, the configured first admin exists, and in demo mode the demo users exist.</summary>
public sealed class StaffBootstrapper(
    IServiceScopeFactory scopes,
    IOptions<BootstrapAdminOptions> admin,
    IOptions<DemoSeedingOptions> demo,
    ILogger<StaffBootstrapper> logger)
{
    private const string Actor = "system";

    public async Task RunAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        await accounts.EnsureRolesAsync();

        if (admin.Value is { Email: { Length: > 0 } email, Password: { Length: > 0 } password }
            && await accounts.FindByEmailAsync(email) is null)
        {
            var created = await accounts.CreateAsync(email, "Administrator", password, [Roles.Admin], Actor);
            if (!created.Succeeded)
            {
                // The errors are Identity's password and e-mail rules; they never contain the password itself.
                throw new InvalidOperationException($"Could not create the admin from configuration (Admin:Email): {string.Join(" ", created.Errors)}");
            }

            logger.LogInformation("Created the first admin from configuration");
        }

        if (demo.Value.SeedWhenEmpty)
        {
            foreach (var user in DemoUsers.All)
            {
                if (await accounts.FindByEmailAsync(user.Email) is null)
                {
                    await accounts.CreateAsync(user.Email, user.DisplayName, DemoUsers.Password, [user.Role], Actor);
                }
            }
        }
        else if (!await accounts.AnyAdminAsync())
        {
            logger.LogWarning("No admin exists yet: create one with `dashboard create-admin --email ...` or set Admin__Email and Admin__Password");
        }
    }
}
