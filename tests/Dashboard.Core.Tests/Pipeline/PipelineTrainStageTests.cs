using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Tests.Recommendations.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Pipeline;

/// <summary>The pipeline's train stage: the quick recommender families through the registry, on a real SQLite file.</summary>
public sealed class PipelineTrainStageTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AFreshShop_HasAServedChampionAfterThePipeline()
    {
        await RegistryTestShop.SeedAsync(_db);
        await using var provider = Services();

        var run = await provider.GetRequiredService<PipelineJob>().RunAsync("test", null, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        await using var db = _db.CreateDbContext();
        var versions = await db.ModelVersions.Where(m => m.Kind.StartsWith(RecommenderKinds.Prefix)).ToListAsync();
        Assert.Equal(["rec:itemknn", "rec:popularity", "rec:repeat"], versions.Select(v => v.Kind).Order());
        var champion = Assert.Single(versions, v => v.IsChampion);
        Assert.NotNull(champion.ServingArtifact);
        var training = await db.TrainingRuns.SingleAsync(r => r.Kind == RecommenderTrainingJob.RunKind);
        Assert.Equal(RunStatus.Succeeded, training.Status);
        Assert.Contains($"train: recommender run #{training.Id}: ", run.Log, StringComparison.Ordinal);
        Assert.Contains("no champion yet", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShopWithTooLittleHistory_StillRunsThePipeline_AndSaysWhyNothingWasTrained()
    {
        var ann = TestShop.Customer("ANN");
        var book = TestShop.Product("B1", "Books");
        await TestShop.SaveAsync(_db, TestShop.Purchase("o1", ann, TestShop.Today.AddDays(-1), (book, 1)));
        await using var provider = Services();

        var run = await provider.GetRequiredService<PipelineJob>().RunAsync("test", null, CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("trained nothing (No customer bought anything before the cut-off", run.Log, StringComparison.Ordinal);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.ModelVersions.AnyAsync(m => m.Kind.StartsWith(RecommenderKinds.Prefix)));
    }

    private ServiceProvider Services() =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<IDbContextFactory<DashboardDbContext>>(_db)
            .AddPipeline()
            .BuildServiceProvider();
}
