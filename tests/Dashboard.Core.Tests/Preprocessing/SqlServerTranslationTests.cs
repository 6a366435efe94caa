using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Preprocessing;

/// <summary>
/// The preprocessing queries group in the database on both providers. SQL Server is not available here, but EF Core
/// translates without a server: a query that would fall back to the client (or fail, like DayOfWeek) throws here.
/// </summary>
public class SqlServerTranslationTests
{
    private static readonly DateTime Cutoff = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CustomerFeatureQueries_TranslateOnSqlServer()
    {
        using var db = SqlServerContext();

        var sql = CustomerFeatureBuilder.Queries(db, Cutoff).Select(q => q.ToQueryString()).ToList();

        Assert.Equal(7, sql.Count);
        Assert.All(sql.Skip(1), s => Assert.Contains("GROUP BY", s, StringComparison.Ordinal));
    }

    [Fact]
    public void PurchaseSequenceQueries_TranslateOnSqlServer()
    {
        using var db = SqlServerContext();

        var sql = PurchaseSequences.Queries(db, Cutoff).Select(q => q.ToQueryString()).ToList();

        Assert.Equal(6, sql.Count);
        Assert.Contains("ORDER BY [o].[CustomerId], [o].[PlacedAt], [o].[Id], [o0].[Id]", sql[1], StringComparison.Ordinal);
        Assert.Contains("COUNT(DISTINCT", sql[3], StringComparison.Ordinal);
        Assert.Contains("SELECT DISTINCT", sql[4], StringComparison.Ordinal);
        // Many customers' returns at once: the ids go as one JSON parameter, read with OPENJSON.
        Assert.Contains("SELECT DISTINCT", sql[5], StringComparison.Ordinal);
        Assert.Contains("OPENJSON", sql[5], StringComparison.Ordinal);
    }

    private static SqlServerDashboardDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerDashboardDbContext>().UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=true").Options);
}
