using Dashboard.Core.Persistence;

namespace Dashboard.Web.Hosting;

public static class DataSetup
{
    /// <summary>
    /// The database from configuration (<see cref="DatabaseSettings.Resolve"/>), behind
    /// <c>IDbContextFactory&lt;DashboardDbContext&gt;</c>, migrated when the host starts.
    /// A configuration or migration error stops the start-up: the app never runs on a half-ready database.
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var settings = DatabaseSettings.Resolve(builder.Configuration);
        builder.Services.AddDashboardData(settings);
        builder.Services.AddHostedService<MigrateDatabaseOnStart>();
        return builder;
    }

    /// <summary>Hosted services start before the server accepts requests, so no page sees an unmigrated database.</summary>
    private sealed class MigrateDatabaseOnStart(DatabaseMigrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
