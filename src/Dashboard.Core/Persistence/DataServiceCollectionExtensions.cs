using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Persistence;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the provider's context behind <see cref="IDbContextFactory{DashboardDbContext}"/>.</summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        switch (settings.Provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerDashboardDbContext>(o =>
                    o.UseSqlServer(settings.ConnectionString, sql => sql.EnableRetryOnFailure()));
                services.AddSingleton<IDbContextFactory<DashboardDbContext>, BaseContextFactory<SqlServerDashboardDbContext>>();
                break;
            default:
                services.AddDbContextFactory<SqliteDashboardDbContext>(o => o.UseSqlite(settings.ConnectionString));
                services.AddSingleton<IDbContextFactory<DashboardDbContext>, BaseContextFactory<SqliteDashboardDbContext>>();
                break;
        }

        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    private sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DashboardDbContext>
        where TContext : DashboardDbContext
    {
        public DashboardDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
