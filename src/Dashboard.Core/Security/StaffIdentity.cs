using Dashboard.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Security;

public static class StaffIdentity
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Identity's user and role stores on the product's database, with the product's password and lockout rules;
    /// shared by the web app (which adds sign-in) and the CLI (which creates the first admin).
    /// </summary>
    public static IdentityBuilder AddStaffIdentity(this IServiceCollection services)
    {
        // Identity's stores want a scoped context; everything else in the product uses the factory.
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<DashboardDbContext>>().CreateDbContext());
        services.AddTransient<StaffAccounts>();
        return services
            .AddIdentityCore<DashboardUser>(options =>
            {
                // Length over composition (NIST SP 800-63B), plus a letter and a digit so "aaaaaaaaaaaa" is out.
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>();
    }
}
