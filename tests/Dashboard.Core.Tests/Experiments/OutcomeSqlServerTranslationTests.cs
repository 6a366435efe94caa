using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>
/// Attribution and the outcome sums run in the database on SQL Server too. No server here, but EF Core translates without
/// one: a query that would fall back to the client (or that the provider cannot express) throws in ToQueryString.
/// </summary>
public class OutcomeSqlServerTranslationTests
{
    [Fact]
    public void OutcomeQueries_GroupInTheDatabase()
    {
        using var db = SqlServerContext();

        var sql = ExperimentAggregates.Queries(db, campaignId: 1, HandMadeExperiment.Launch, attributionWindowDays: 14)
            .Select(q => q.ToQueryString()).ToList();

        Assert.Equal(4, sql.Count);
        // The member rows are reduced in SQL; the daily series reads the attributed orders as they are.
        Assert.All(sql[..3], s => Assert.Contains("GROUP BY", s, StringComparison.Ordinal));
        // The members' cells read the promo list alone (its covering index); the buyers' sums join the campaign's
        // conversions to it; the funnel unions its sources.
        Assert.DoesNotContain("JOIN", sql[0], StringComparison.Ordinal);
        Assert.Contains("INNER JOIN", sql[1], StringComparison.Ordinal);
        Assert.Contains("UNION", sql[2], StringComparison.Ordinal);
    }

    [Fact]
    public void AttributionQuery_ResolvesLastTouchInTheDatabase()
    {
        using var db = SqlServerContext();

        var sql = ConversionAttributor.Query(db, [1, 2]).ToQueryString();

        Assert.Contains("NOT EXISTS", sql, StringComparison.Ordinal);
        Assert.Contains("DATEADD(day", sql, StringComparison.Ordinal);
    }

    private static SqlServerDashboardDbContext SqlServerContext() =>
        new(new DbContextOptionsBuilder<SqlServerDashboardDbContext>().UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=true").Options);
}
