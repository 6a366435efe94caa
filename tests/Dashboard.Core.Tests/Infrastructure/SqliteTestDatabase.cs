using Dashboard.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>
/// A real SQLite file per test (class), copied from a template that is migrated once per test run,
/// so every test starts from the production schema without paying for migrations each time.
/// </summary>
public sealed class SqliteTestDatabase : IDbContextFactory<DashboardDbContext>, IDisposable
{
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public SqliteTestDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "dashboard.db");
        File.Copy(Template.Value, FilePath);
        ConnectionString = $"Data Source={FilePath}";
        Settings = new DatabaseSettings(DatabaseProvider.Sqlite, ConnectionString, Directory);
    }

    public string Directory { get; }
    public string FilePath { get; }
    public string ConnectionString { get; }
    public DatabaseSettings Settings { get; }

    /// <summary>
    /// Contexts with a retrying execution strategy, like production's SQL Server setting (EnableRetryOnFailure), so
    /// that code opening a transaction outside the strategy fails here as it would there.
    /// </summary>
    public DashboardDbContext CreateDbContext() =>
        new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>()
            .UseSqlite(ConnectionString, sqlite => sqlite.ExecutionStrategy(dependencies => new RetryingStrategy(dependencies)))
            .Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background thread; the OS temp cleaner gets it.
        }
    }

    private static string CreateTemplate()
    {
        var path = Path.Combine(Path.GetTempPath(), "dashboard-tests", $"template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var db = new SqliteDashboardDbContext(
                   new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={path};Pooling=false").Options))
        {
            db.Database.Migrate();
        }

        return path;
    }

    /// <summary>Retries like SQL Server's strategy in shape; SQLite has no transient errors worth retrying, so none are.</summary>
    private sealed class RetryingStrategy(ExecutionStrategyDependencies dependencies)
        : ExecutionStrategy(dependencies, maxRetryCount: 3, maxRetryDelay: TimeSpan.FromMilliseconds(10))
    {
        protected override bool ShouldRetryOn(Exception exception) => false;
    }
}
