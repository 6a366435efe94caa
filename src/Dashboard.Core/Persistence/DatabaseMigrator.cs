using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Persistence;

/// <summary>Applies the provider's migrations; run at start-up and by the CLI <c>migrate</c> command.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<DashboardDbContext> contexts, DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the dashboard read while a background job writes; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("Database {Provider} is up to date ({Count} migrations applied)", settings.Provider, pending.Count);
        return pending;
    }
}
