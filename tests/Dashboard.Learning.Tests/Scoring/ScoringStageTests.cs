using Dashboard.Core.Demo;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Profiles;
using Dashboard.Core.Profiles.Scoring;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Learning.Tests.Scoring;

/// <summary>
/// Churn risk, purchase propensity and expected value, trained for real (LightGBM, FastTree) on a real SQLite demo shop
/// whose hidden structure is known: 25 % of shoppers stop visiting at a planted point, and visit rates differ by shopper.
/// </summary>
public sealed class ScoringStageTests : IClassFixture<ScoringStageTests.ScoredShop>
{
    private static readonly DateTime End = new(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc);
    private readonly ScoredShop _shop;

    public ScoringStageTests(ScoredShop shop) => _shop = shop;

    [Fact]
    public void EveryScore_IsEvaluatedOnTheWindowAfterItsTrainingWindow()
    {
        var cutoff = End.AddDays(1);
        foreach (var outcome in _shop.Result.Scores!)
        {
            var horizon = outcome.Definition.HorizonDays;
            var evaluation = Assert.IsType<ScoreEvaluation>(outcome.Evaluation);
            Assert.Equal(cutoff.AddDays(-2 * horizon), evaluation.TrainingCutoff);
            Assert.Equal(cutoff.AddDays(-horizon), evaluation.HoldoutCutoff);
            Assert.Equal(cutoff, evaluation.ScoringCutoff);
            Assert.True(evaluation.TrainingRows >= CustomerScorer.MinExamples);
            Assert.True(evaluation.HoldoutRows >= CustomerScorer.MinExamples);
        }
    }

    [Fact]
    public void ProbabilityScores_RankTheHeldOutWindowWellAndReportCalibration()
    {
        foreach (var definition in new[] { ScoreDefinitions.Churn, ScoreDefinitions.Propensity })
        {
            var evaluation = _shop.Evaluation(definition);
            var auc = evaluation.Metrics.Single(m => m.Name == "AUC");
            var logLoss = evaluation.Metrics.Single(m => m.Name == "Log loss");
            Assert.InRange(auc.Model, 0.7, 1.0);
            Assert.InRange(auc.Baseline, 0.6, 1.0);
            Assert.InRange(logLoss.Model, 0.0, Math.Log(2));
            Assert.Equal(evaluation.HoldoutRows, evaluation.Calibration.Sum(b => b.Count));
            Assert.Equal(evaluation.BeatsBaseline, auc.Model > auc.Baseline && logLoss.Model < logLoss.Baseline);
        }
    }

    [Fact]
    public void ExpectedValue_IsValidatedAgainstTheRunRateBaseline()
    {
        var evaluation = _shop.Evaluation(ScoreDefinitions.ExpectedValue);

        Assert.Equal(["RMSE", "MAE", "Error of the total"], evaluation.Metrics.Select(m => m.Name));
        Assert.All(evaluation.Metrics, m => Assert.True(m.Model >= 0 && double.IsFinite(m.Model)));
        Assert.Empty(evaluation.Calibration);
        // The demo's shoppers follow a buy-till-you-die story, so BG/NBD must get next quarter's total close (within 15 %)
        // and beat the run rate on both errors.
        Assert.InRange(evaluation.Metrics.Single(m => m.Name == "Error of the total").Model, 0, 0.15);
        Assert.All(evaluation.Metrics.Where(m => m.Name is "RMSE" or "MAE"), m => Assert.True(m.ModelIsBetter, $"{m.Name} {m.Model} vs {m.Baseline}"));
    }

    [Fact]
    public async Task Profiles_CarryScoresExplanationsAndTheVersionsThatMadeThem()
    {
        await using var db = _shop.Database.CreateDbContext();
        var profiles = await db.Profiles.ToListAsync();
        var champions = await db.ModelVersions.Where(m => m.IsChampion).ToDictionaryAsync(m => m.Kind);

        Assert.All(profiles.Where(p => p.Frequency > 0), p =>
        {
            Assert.InRange(p.ChurnRisk!.Value, 0, 1);
            Assert.InRange(p.PurchasePropensity!.Value, 0, 1);
            Assert.True(p.ExpectedValue90d >= 0);
            Assert.Equal(champions[ModelKinds.Churn].Id, p.ChurnModelVersionId);
            Assert.Equal(champions[ModelKinds.Propensity].Id, p.PropensityModelVersionId);
            Assert.Equal(champions[ModelKinds.ExpectedValue].Id, p.ValueModelVersionId);
            foreach (var kind in new[] { ModelKinds.Churn, ModelKinds.Propensity, ModelKinds.ExpectedValue })
            {
                var explanations = p.ScoreExplanations.Where(e => e.Score == kind).ToList();
                Assert.InRange(explanations.Count, 1, CustomerScorer.Explanations);
                string[] names = kind == ModelKinds.ExpectedValue
                    ? [ScoreFeatureVector.ExpectedOrders, ScoreFeatureVector.ExpectedOrderValue, ScoreFeatureVector.ChanceActive]
                    : [.. ScoreFeatureVector.Names];
                Assert.All(explanations, e => Assert.Contains(e.Feature, names));
                Assert.Equal(explanations.OrderByDescending(e => Math.Abs(e.Contribution)).Select(e => e.Feature), explanations.Select(e => e.Feature));
            }
        });
        Assert.All(profiles.Where(p => p.Frequency == 0), p =>
        {
            Assert.Null(p.ChurnRisk);
            Assert.Null(p.ChurnModelVersionId);
            Assert.Empty(p.ScoreExplanations);
        });
        Assert.All(champions.Values.Where(m => m.Kind != ModelKinds.Popularity), m => Assert.NotEmpty(m.Artifact!));
    }

    [Fact]
    public async Task ChurnRisk_IsHigherForThePlantedChurners()
    {
        await using var db = _shop.Database.CreateDbContext();
        var scored = await db.Profiles.Where(p => p.ChurnRisk != null)
            .Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => new { c.ExternalId, Risk = p.ChurnRisk!.Value })
            .ToListAsync();
        var planted = scored.Select(s => DemoShopper.For(ScoredShop.Seed, DemoShopper.TryParseCustomerIndex(s.ExternalId, out var i) ? i : 0).ChurnPoint is not null).ToList();

        // The model never saw who was planted to churn; its risk must still rank them first most of the time.
        Assert.InRange(ScoreMetrics.Auc([.. scored.Select(s => s.Risk)], planted), 0.7, 1.0);
    }

    [Fact]
    public async Task Propensity_FollowsThePlantedVisitRate()
    {
        await using var db = _shop.Database.CreateDbContext();
        var scored = await db.Profiles.Where(p => p.PurchasePropensity != null)
            .Join(db.Customers, p => p.CustomerId, c => c.Id, (p, c) => new { c.ExternalId, Propensity = p.PurchasePropensity!.Value })
            .ToListAsync();
        var shoppers = scored.Select(s => DemoShopper.For(ScoredShop.Seed, DemoShopper.TryParseCustomerIndex(s.ExternalId, out var i) ? i : 0)).ToList();
        var median = shoppers.Select(s => s.SessionsPerWeek).Order().ElementAt(shoppers.Count / 2);
        var frequentActive = shoppers.Select(s => s.SessionsPerWeek > median && s.ChurnPoint is null).ToList();

        Assert.InRange(ScoreMetrics.Auc([.. scored.Select(s => s.Propensity)], frequentActive), 0.7, 1.0);
    }

    [Fact]
    public async Task ASecondRun_ReplacesTheChampionsAndKeepsTheHistory()
    {
        await using var provider = ScoredShop.Services(_shop.Database);
        await provider.GetRequiredService<ProfileBuilder>().BuildAsync();

        await using var db = _shop.Database.CreateDbContext();
        foreach (var kind in new[] { ModelKinds.Churn, ModelKinds.Propensity, ModelKinds.ExpectedValue })
        {
            var versions = await db.ModelVersions.Where(m => m.Kind == kind).OrderBy(m => m.Id).ToListAsync();
            Assert.True(versions.Count >= 2);
            Assert.Single(versions, v => v.IsChampion);
            Assert.True(versions[^1].IsChampion);
        }
    }

    [Fact]
    public async Task ShortHistory_SkipsTheLongScoresAndSaysWhy()
    {
        using var database = new SqliteTestDatabase();
        await using (var db = database.CreateDbContext())
        {
            await new DemoDataGenerator().SeedAsync(db, new DemoOptions { Customers = 400, Products = 80, Days = 120, Seed = 3, EndDate = End });
        }

        await using var provider = ScoredShop.Services(database);
        var result = await provider.GetRequiredService<ProfileBuilder>().BuildAsync();

        var churn = result.Scores!.Single(s => s.Definition == ScoreDefinitions.Churn);
        Assert.Null(churn.Version);
        Assert.Contains("needs 210 days of orders", churn.SkippedBecause, StringComparison.Ordinal);
        Assert.NotNull(result.Scores!.Single(s => s.Definition == ScoreDefinitions.Propensity).Version);
        await using var check = database.CreateDbContext();
        Assert.False(await check.Profiles.AnyAsync(p => p.ChurnRisk != null));
        Assert.True(await check.Profiles.AnyAsync(p => p.PurchasePropensity != null));
    }

    /// <summary>One scored shop for the class: seeding and training take seconds, the assertions are read-only.</summary>
    public sealed class ScoredShop : IAsyncLifetime
    {
        public const int Seed = 11;

        public SqliteTestDatabase Database { get; } = new();

        public ProfileBuildResult Result { get; private set; } = null!;

        public ScoreEvaluation Evaluation(ScoreDefinition definition) =>
            Result.Scores!.Single(s => s.Definition == definition).Evaluation!;

        public static ServiceProvider Services(SqliteTestDatabase database) =>
            new ServiceCollection()
                .AddLogging()
                .AddSingleton<IDbContextFactory<DashboardDbContext>>(database)
                .AddPipeline()
                .AddLearning()
                .BuildServiceProvider();

        public async Task InitializeAsync()
        {
            await using (var db = Database.CreateDbContext())
            {
                await new DemoDataGenerator().SeedAsync(db, new DemoOptions { Customers = 1_500, Products = 150, Days = 300, Seed = Seed, EndDate = End });
            }

            await using var provider = Services(Database);
            Result = await provider.GetRequiredService<ProfileBuilder>().BuildAsync();
        }

        public Task DisposeAsync()
        {
            Database.Dispose();
            return Task.CompletedTask;
        }
    }
}
