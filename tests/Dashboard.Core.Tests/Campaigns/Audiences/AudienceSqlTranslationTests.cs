using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Persistence;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Dashboard.Core.Campaigns.Audiences.AudienceCondition;

namespace Dashboard.Core.Tests.Campaigns.Audiences;

/// <summary>
/// The audience query and the estimate translate to one statement on both providers. SQL Server is not available here,
/// but EF Core translates without a server; a part that would run on the client (or not translate) throws.
/// </summary>
public sealed class AudienceSqlTranslationTests(ITestOutputHelper output) : IDisposable
{
    // Every field but the propensity percentile, whose thresholds are read from the database first.
    private static readonly AudienceRules EveryField = new()
    {
        FrequencyCap = new FrequencyCap(2, 7),
        Include = new RuleGroup
        {
            Conditions =
            [
                In(AudienceField.Segment, "Champions", "Loyal"),
                NotIn(AudienceField.Cluster, "3"),
                In(AudienceField.ChurnBand, "High", "NotScored"),
                Between(AudienceField.ChurnRisk, 0.3, null),
                Between(AudienceField.ExpectedValue, null, 100),
                Between(AudienceField.DaysSinceLastPurchase, 7, 30),
            ],
            Groups =
            [
                new RuleGroup
                {
                    Combinator = RuleCombinator.Any,
                    Conditions = [In(AudienceField.Country, "DE"), In(AudienceField.CategoryAffinity, "Books") with { Min = 0.2 }, NotIn(AudienceField.Consent, "Push")],
                },
            ],
        },
    };

    private readonly SqliteTestDatabase _sqlite = new();

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task EstimateQuery_IsOneStatement_OnSqlServer()
    {
        await using var db = new SqlServerDashboardDbContext(
            new DbContextOptionsBuilder<SqlServerDashboardDbContext>().UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=true").Options);

        var sql = await EstimateSqlAsync(db);

        Assert.Contains("OPENJSON", sql, StringComparison.Ordinal);
        Assert.Contains("LEFT JOIN [Profiles]", sql, StringComparison.Ordinal);
        Assert.Contains("COUNT(*)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EstimateQuery_IsOneStatement_OnSqlite()
    {
        await using var db = _sqlite.CreateDbContext();

        var sql = await EstimateSqlAsync(db);

        output.WriteLine(sql);
        Assert.Contains("json_each", sql, StringComparison.Ordinal);
        Assert.Contains("LEFT JOIN \"Profiles\"", sql, StringComparison.Ordinal);
    }

    private static async Task<string> EstimateSqlAsync(DashboardDbContext db)
    {
        var members = await AudienceQuery.CustomersAsync(db, EveryField, CampaignChannel.Email, TestShop.Today, CancellationToken.None);
        return AudienceEstimator.Totals(db, members).ToQueryString();
    }
}
