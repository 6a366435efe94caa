using System.Text.Json;
using Bunit;
using Dashboard.Core.Models;
using Dashboard.Core.Profiles;
using Dashboard.Core.Profiles.Scoring;
using Dashboard.Core.Security;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Customers;

public sealed class ScoresCardTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Created = new(2026, 3, 30, 2, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Render_ShowsEachScoreWithItsVersionAndReasons()
    {
        SignInAs(Roles.CrmStaff);
        var db = UseDatabase(Now);
        var ann = await new Shop(db).CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await using (var context = db.CreateDbContext())
        {
            var churn = Version(ModelKinds.Churn, beats: true, ("AUC", 0.81, 0.78, true), ("Log loss", 0.48, 0.51, false));
            var propensity = Version(ModelKinds.Propensity, beats: true, ("AUC", 0.80, 0.77, true), ("Log loss", 0.52, 0.55, false));
            var value = Version(ModelKinds.ExpectedValue, beats: true, ("RMSE", 240, 290, false));
            context.ModelVersions.AddRange(churn, propensity, value);
            await context.SaveChangesAsync();
            context.Profiles.Add(new CustomerProfile
            {
                CustomerId = ann.Id, Segment = "At Risk", Frequency = 3, Monetary = 120, RecencyDays = 140, ReferenceDate = Created, ComputedAt = Created,
                ChurnRisk = 0.734, PurchasePropensity = 0.061, ExpectedValue90d = 18.5,
                ChurnModelVersionId = churn.Id, PropensityModelVersionId = propensity.Id, ValueModelVersionId = value.Id,
                ScoreExplanations =
                [
                    new() { Score = ModelKinds.Churn, Feature = "Days since last purchase", Value = 140, Contribution = 0.9 },
                    new() { Score = ModelKinds.Churn, Feature = "Return rate", Value = 0.25, Contribution = -0.1 },
                    new() { Score = ModelKinds.Propensity, Feature = "Average days between orders", Value = null, Contribution = -0.4 },
                    new() { Score = ModelKinds.ExpectedValue, Feature = ScoreFeatureVector.ChanceActive, Value = 0.954, Contribution = -0.01 },
                ],
            });
            await context.SaveChangesAsync();
        }

        var cut = Render<ScoresCard>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForElement("[data-testid=score-churn]", LoadTimeout);

        var churnBlock = cut.Find("[data-testid=score-churn]");
        Assert.Equal("73.4 %", churnBlock.QuerySelector("[data-testid=score-value]")!.TextContent.Trim());
        Assert.Contains("chance of no purchase in the next 90 days · model v1, 2026-03-30", churnBlock.TextContent, StringComparison.Ordinal);
        var reasons = churnBlock.QuerySelectorAll("[data-testid=score-reason]").Select(r => Squash(r.TextContent)).ToList();
        Assert.Equal(["Days since last purchase: 140 days raises ↑", "Return rate: 25.0 % lowers ↓"], reasons);
        Assert.Contains("Average days between orders: none lowers ↓", Squash(cut.Find("[data-testid=score-propensity]").TextContent), StringComparison.Ordinal);
        Assert.Equal("18.50", cut.Find("[data-testid=score-expected-value] [data-testid=score-value]").TextContent.Trim());
        Assert.Equal("Chance still a customer: 95.4 % below average ↓", Squash(cut.Find("[data-testid=score-expected-value] [data-testid=score-reason]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=score-flag]"));
    }

    [Fact]
    public async Task Render_FlagsAScoreWhoseModelDoesNotBeatItsBaseline()
    {
        SignInAs(Roles.Analyst);
        var db = UseDatabase(Now);
        var ann = await new Shop(db).CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await using (var context = db.CreateDbContext())
        {
            var churn = Version(ModelKinds.Churn, beats: false, ("AUC", 0.778, 0.789, true), ("Log loss", 0.514, 0.518, false));
            context.ModelVersions.Add(churn);
            await context.SaveChangesAsync();
            context.Profiles.Add(new CustomerProfile
            {
                CustomerId = ann.Id, Segment = "Loyal", Frequency = 5, Monetary = 300, RecencyDays = 10, ReferenceDate = Created, ComputedAt = Created,
                ChurnRisk = 0.12, ChurnModelVersionId = churn.Id,
            });
            await context.SaveChangesAsync();
        }

        var cut = Render<ScoresCard>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForElement("[data-testid=score-flag]", LoadTimeout);

        Assert.Contains("does not beat its simple baseline on held-out data (AUC 0.778 against 0.789)", cut.Find("[data-testid=score-churn]").TextContent, StringComparison.Ordinal);
        Assert.Equal("—", cut.Find("[data-testid=score-propensity] [data-testid=score-value]").TextContent.Trim());
    }

    [Fact]
    public async Task Render_SaysWhyThereAreNoScores_ForACustomerWithoutPurchases()
    {
        SignInAs(Roles.CrmStaff);
        var db = UseDatabase(Now);
        var ann = await new Shop(db).CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await using (var context = db.CreateDbContext())
        {
            context.Profiles.Add(new CustomerProfile { CustomerId = ann.Id, Segment = RfmScoring.Prospect, ReferenceDate = Created, ComputedAt = Created });
            await context.SaveChangesAsync();
        }

        var cut = Render<ScoresCard>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForElement("[data-testid=not-scored]", LoadTimeout);

        Assert.Contains("at least one purchase", cut.Find("[data-testid=not-scored]").TextContent, StringComparison.Ordinal);
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static ModelVersion Version(string kind, bool beats, params (string Name, double Model, double Baseline, bool HigherIsBetter)[] metrics)
    {
        var evaluation = new ScoreEvaluation(kind, 90, Created.AddDays(-180), Created.AddDays(-90), Created, 1000, 1000, 0.3, "trees", "baseline",
            [.. metrics.Select(m => new ScoreMetric(m.Name, m.Model, m.Baseline, m.HigherIsBetter, IsPrimary: true))], [], beats);
        return new ModelVersion
        {
            Kind = kind, CreatedAt = Created, DataFrom = Created.AddDays(-180), DataTo = Created, IsChampion = true,
            MetricsJson = JsonSerializer.Serialize(evaluation, Json),
        };
    }
}
