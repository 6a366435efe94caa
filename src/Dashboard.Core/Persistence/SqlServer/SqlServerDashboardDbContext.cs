using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dashboard.Core.Persistence;

/// <summary>The scale-out path: SQL Server, shared by the web app and every worker.</summary>
public sealed class SqlServerDashboardDbContext(DbContextOptions<SqlServerDashboardDbContext> options)
    : DashboardDbContext(options);

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerDashboardDbContext>
{
    // Migrations are generated without a server; the connection string is never opened.
    public SqlServerDashboardDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerDashboardDbContext>()
            .UseSqlServer("Server=localhost;Database=Dashboard;Integrated Security=true;TrustServerCertificate=true")
            .Options);
}
