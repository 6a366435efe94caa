using Dashboard.Core.Persistence;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Core.Tests.Persistence;

public class MigrationTests
{
    [Fact]
    public void SqliteMigrations_CoverTheModel()
    {
        using var db = new SqliteDashboardDbContext(new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model changed without a migration: run scripts/add-migration.sh.");
    }

    [Fact]
    public void SqlServerMigrations_CoverTheModel()
    {
        using var db = SqlServerContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model changed without a migration: run scripts/add-migration.sh.");
    }

    [Fact]
    public void SqlServerMigrations_GenerateAScript_WithoutAServer()
    {
        using var db = SqlServerContext();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Customers]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Customers_ExternalId]", script, StringComparison.Ordinal);
        Assert.Contains("[Price] decimal(18,2)", script, StringComparison.Ordinal);
        Assert.Contains("[Offer_Discount] nvarchar(16) NOT NULL DEFAULT N'None'", script, StringComparison.Ordinal);
        // Every entity's table (JSON-mapped and table-split owned types live inside their owner's row), plus EF's migrations history table.
        var tables = db.Model.GetEntityTypes().Where(e => !e.IsMappedToJson()).Select(e => e.GetTableName()).Distinct().Count();
        Assert.Equal(tables + 1, CountOccurrences(script, "CREATE TABLE ["));
    }

    [Fact]
    public async Task SqliteMigrations_CreateEveryTable_OnARealFile()
    {
        using var file = new SqliteTestDatabase();
        await using var db = file.CreateDbContext();

        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            Assert.Contains(entity.GetTableName(), tables);
        }
    }

    private static SqlServerDashboardDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerDashboardDbContext>().UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=true").Options);

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
