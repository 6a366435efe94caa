using Dashboard.Core.Models;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Recommendations.Registry;

/// <summary>The promotion policy, promote and rollback, on a real SQLite file with the demo shop's holdout.</summary>
public sealed class RecommenderRegistryTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ABetterChallengerIsPromoted_AndAWorseOneIsNot()
    {
        await RegistryTestShop.SeedAsync(_db);
        var split = await RegistryTestShop.SplitAsync(_db);
        var registry = RegistryTestShop.Registry(_db);

        var first = await registry.ApplyPolicyAsync(split, [await TrainAsync(registry, split, new PopularityRecommender())]);
        var better = await registry.ApplyPolicyAsync(split, [await TrainAsync(registry, split, new RepeatRecommender())]);
        var worse = await registry.ApplyPolicyAsync(split, [await TrainAsync(registry, split, new PopularityRecommender())]);

        Assert.True(first.Promoted, first.Reason);
        Assert.True(better.Promoted, better.Reason);
        Assert.False(worse.Promoted, worse.Reason);
        Assert.Equal(better.ChampionId, worse.ChampionId);
        Assert.Equal("rec:repeat", (await registry.ChampionAsync())!.Kind);
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.ModelVersions.CountAsync(m => m.Kind.StartsWith("rec:") && m.IsChampion));
        Assert.Equal(3, await db.ModelVersions.CountAsync(m => m.Kind.StartsWith("rec:")));
    }

    [Fact]
    public async Task TheChampionIsReMeasuredOnTheSameHoldout_AndTheMarginHolds()
    {
        await RegistryTestShop.SeedAsync(_db);
        var split = await RegistryTestShop.SplitAsync(_db);
        var strict = RegistryTestShop.Registry(_db, margin: 1.0);
        await strict.ApplyPolicyAsync(split, [await TrainAsync(strict, split, new PopularityRecommender())]);

        var repeat = await TrainAsync(strict, split, new RepeatRecommender());
        var decision = await strict.ApplyPolicyAsync(split, [repeat]);

        Assert.False(decision.Promoted, decision.Reason);
        var popularityNdcg = RecommenderMetrics.Parse((await strict.ChampionAsync())!.MetricsJson)!.Ndcg10;
        Assert.Equal(popularityNdcg, decision.ChampionMetric!.Value, precision: 12);
        Assert.True(repeat.Evaluation.Metrics.Ndcg10 > popularityNdcg, "the demo shop's repeat buyers should favour the repeat model");
    }

    [Fact]
    public async Task AfterARestart_TheChampionLoadsFromTheDatabase_AndScoresIdentically()
    {
        await RegistryTestShop.SeedAsync(_db);
        var split = await RegistryTestShop.SplitAsync(_db);
        var model = new ItemKnnRecommender();
        var registry = RegistryTestShop.Registry(_db);
        await registry.ApplyPolicyAsync(split, [await TrainAsync(registry, split, model)]);

        var loaded = await RegistryTestShop.Registry(_db).LoadChampionAsync();

        Assert.NotNull(loaded?.Model);
        var (expected, actual) = (new float[split.Training.Items.Count], new float[split.Training.Items.Count]);
        foreach (var customer in split.TestCustomers.Take(50))
        {
            model.Score(customer.History, expected);
            loaded.Model.Score(customer.History, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task PromoteAndRollBack_MoveTheChampion_AndAreAudited()
    {
        await RegistryTestShop.SeedAsync(_db);
        var split = await RegistryTestShop.SplitAsync(_db);
        var registry = RegistryTestShop.Registry(_db);
        var popularity = await TrainAsync(registry, split, new PopularityRecommender());
        var repeat = await TrainAsync(registry, split, new RepeatRecommender());
        var itemKnn = await TrainAsync(registry, split, new ItemKnnRecommender());

        Assert.Null(await registry.RollBackAsync("admin@example.com"));
        await registry.PromoteAsync(popularity.Version.Id, "admin@example.com");
        await registry.PromoteAsync(repeat.Version.Id, "admin@example.com");
        await registry.PromoteAsync(itemKnn.Version.Id, "admin@example.com");

        Assert.Equal(repeat.Version.Id, (await registry.RollBackAsync("admin@example.com"))!.Id);
        Assert.Equal(repeat.Version.Id, (await registry.ChampionAsync())!.Id);
        Assert.Equal(popularity.Version.Id, (await registry.RollBackAsync("admin@example.com"))!.Id);
        await using var db = _db.CreateDbContext();
        Assert.Equal(1, await db.ModelVersions.CountAsync(m => m.IsChampion && m.Kind.StartsWith("rec:")));
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.RecommenderPromoted));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.RecommenderRolledBack));
    }

    [Fact]
    public async Task TheOldPopularityKindIsLeftAlone()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.ModelVersions.Add(new ModelVersion { Kind = ModelKinds.Popularity, IsChampion = true, Artifact = [1] });
            await db.SaveChangesAsync();
        }

        await RegistryTestShop.SeedAsync(_db);
        var split = await RegistryTestShop.SplitAsync(_db);
        var registry = RegistryTestShop.Registry(_db);
        await registry.ApplyPolicyAsync(split, [await TrainAsync(registry, split, new RepeatRecommender())]);

        await using var check = _db.CreateDbContext();
        Assert.True(await check.ModelVersions.AnyAsync(m => m.Kind == ModelKinds.Popularity && m.IsChampion));
    }

    private static async Task<(ModelVersion Version, ModelEvaluation Evaluation)> TrainAsync(RecommenderRegistry registry, TemporalSplit split, IRecommender model)
    {
        var evaluation = OfflineEvaluator.Evaluate(split, model);
        return (await registry.RecordAsync(model, evaluation, split, trainingRunId: null), evaluation);
    }
}
