using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Core.Persistence;

/// <summary>The embedded default: a SQLite file under the data folder.</summary>
public sealed class SqliteDashboardDbContext(DbContextOptions<SqliteDashboardDbContext> options)
    : DashboardDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no decimal type: EF stores it as TEXT and refuses to sum or sort it in SQL.
        // REAL keeps cents exact enough for a dashboard and lets revenue queries run in the database.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDashboardDbContext>
{
    public SqliteDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
