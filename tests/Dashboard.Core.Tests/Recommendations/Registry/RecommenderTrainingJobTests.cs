using Dashboard.Core.Campaigns;
using Dashboard.Core.Models;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Recommendations.Registry;

/// <summary>The training job end to end on the demo shop, with the baselines only (fast).</summary>
public sealed class RecommenderTrainingJobTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ARun_RecordsAVersionPerFamily_AndPicksAChampion_WhichAWorseRunDoesNotReplace()
    {
        await RegistryTestShop.SeedAsync(_db);

        var first = await Job().TrainAsync(CancellationToken.None);
        var champion = await Registry().ChampionAsync();
        var second = await Job(models: [PopularityRecommender.ModelName]).TrainAsync(CancellationToken.None);

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal(RunStatus.Succeeded, second.Status);
        await using var db = _db.CreateDbContext();
        var versions = await db.ModelVersions.Where(m => m.Kind.StartsWith("rec:")).ToListAsync();
        Assert.Equal(["rec:itemknn", "rec:popularity", "rec:popularity", "rec:repeat"], versions.Select(v => v.Kind).Order());
        Assert.All(versions, v => Assert.NotNull(RecommenderMetrics.Parse(v.MetricsJson)));
        Assert.NotNull(champion);
        Assert.NotEqual("rec:popularity", champion.Kind);
        Assert.Equal(champion.Id, (await Registry().ChampionAsync())!.Id);
        Assert.Contains("the champion stays", second.Log, StringComparison.Ordinal);
        Assert.Equal(1, (await db.TrainingRuns.FindAsync(first.Id))!.Progress);
    }

    [Fact]
    public async Task TheChampion_ServesARefitOnEveryPurchase_RefreshedByEachRunOfItsFamily_AndComparedOnItsHoldoutFit()
    {
        await RegistryTestShop.SeedAsync(_db);
        // A product first sold in the held-out weeks: only a fit on every purchase knows it.
        var newcomer = TestShop.Product("NEW-1", "Books");
        await AddLatePurchaseAsync(newcomer, "late-newcomer");

        var first = await Job(models: [RepeatRecommender.ModelName]).TrainAsync(CancellationToken.None);
        var afterFirst = (await Registry().LoadChampionAsync())!.Model!;
        // Another product first sold after that run: the next run's refresh must bring it in.
        var newer = TestShop.Product("NEW-2", "Books");
        await AddLatePurchaseAsync(newer, "later-newcomer");
        var second = await Job(models: [RepeatRecommender.ModelName]).TrainAsync(CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var champion = await db.ModelVersions.SingleAsync(m => m.IsChampion);
        var newestPurchase = await db.Orders.MaxAsync(o => o.PlacedAt);
        Assert.Equal(first.Id, champion.TrainingRunId);
        Assert.NotNull(champion.ServingArtifact);
        Assert.Equal(newestPurchase.AddTicks(1), champion.ServingDataTo);
        Assert.True(champion.DataTo < newestPurchase.AddDays(-29), "the metrics' fit stops at the cut-off");
        Assert.Contains($"champion repeat v{champion.Id} refitted on all purchases", first.Log, StringComparison.Ordinal);
        var evaluated = RegistryTestShop.Catalog().Load("repeat", champion.Artifact!);
        var served = (await Registry().LoadChampionAsync())!.Model!;
        Assert.False(evaluated.Items!.TryGetIndex(newcomer.Id, out _));
        Assert.True(afterFirst.Items!.TryGetIndex(newcomer.Id, out _));
        Assert.False(afterFirst.Items!.TryGetIndex(newer.Id, out _));
        Assert.True(served.Items!.TryGetIndex(newer.Id, out _));
        // The second run compared against the champion's holdout fit (the refit saw this holdout), kept it, and
        // refreshed what it serves.
        Assert.Contains("does not beat champion", second.Log, StringComparison.Ordinal);
        Assert.Contains($"champion repeat v{champion.Id} refitted on all purchases", second.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChampionOfAFamilyThisRunDidNotTrain_KeepsItsServingFit()
    {
        await RegistryTestShop.SeedAsync(_db);
        await Job(models: [RepeatRecommender.ModelName]).TrainAsync(CancellationToken.None);
        var before = await Registry().ChampionAsync();

        var popularityOnly = await Job(models: [PopularityRecommender.ModelName]).TrainAsync(CancellationToken.None);

        Assert.Equal(before!.Id, (await Registry().ChampionAsync())!.Id);
        Assert.DoesNotContain("refitted", popularityOnly.Log, StringComparison.Ordinal);
    }

    /// <summary>The first customer buys <paramref name="product"/> an hour before the newest purchase.</summary>
    private async Task AddLatePurchaseAsync(Dashboard.Core.Catalog.Product product, string invoice)
    {
        await using var seed = _db.CreateDbContext();
        var buyer = await seed.Customers.OrderBy(c => c.Id).FirstAsync();
        var newest = await seed.Orders.MaxAsync(o => o.PlacedAt);
        seed.Orders.Add(TestShop.Purchase(invoice, buyer, newest.AddHours(-1), (product, 1)));
        await seed.SaveChangesAsync();
    }

    [Fact]
    public async Task AVersionPromotedByHand_ServesItsRefit_OnceTheRefitJobRan()
    {
        await RegistryTestShop.SeedAsync(_db);
        await Job(models: [RepeatRecommender.ModelName, PopularityRecommender.ModelName]).TrainAsync(CancellationToken.None);
        var registry = Registry();
        await using var db = _db.CreateDbContext();
        var popularity = await db.ModelVersions.SingleAsync(m => m.Kind == "rec:popularity");
        var repeat = await db.ModelVersions.SingleAsync(m => m.Kind == "rec:repeat");

        await registry.PromoteAsync(popularity.Id, "admin@example.com");
        var beforeRefit = (await registry.LoadChampionAsync())!.Version.ServingDataTo;
        await RefitJob().RunAsync(popularity.Id, CancellationToken.None);
        await RefitJob().RunAsync(repeat.Id, CancellationToken.None);

        Assert.Null(beforeRefit);
        var versions = await db.ModelVersions.AsNoTracking().Where(m => m.Id == popularity.Id || m.Id == repeat.Id).ToDictionaryAsync(m => m.Id);
        Assert.Equal(await db.Orders.MaxAsync(o => o.PlacedAt), versions[popularity.Id].ServingDataTo!.Value.AddTicks(-1));
        // The refit of a version that is no longer champion (repeat, refitted by its training run) changes nothing.
        Assert.Equal(repeat.ServingDataTo, versions[repeat.Id].ServingDataTo);
        Assert.Equal(repeat.ServingArtifact, versions[repeat.Id].ServingArtifact);
    }

    [Fact]
    public async Task TooLittleHistory_FailsTheRunWithTheReason_WithoutRetrying()
    {
        var ann = TestShop.Customer("ANN");
        await TestShop.SaveAsync(_db, TestShop.Purchase("o1", ann, TestShop.Today, (TestShop.Product("B1", "Books"), 1)));

        var run = await Job().TrainAsync(CancellationToken.None);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("No customer bought anything before the cut-off", run.Error, StringComparison.Ordinal);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task ACancelledRun_IsRecordedAsCancelled_AndTheChampionStays()
    {
        await RegistryTestShop.SeedAsync(_db);
        await Job(models: [PopularityRecommender.ModelName]).TrainAsync(CancellationToken.None);
        var champion = await Registry().ChampionAsync();
        using var cancellation = new CancellationTokenSource();
        var catalog = new RecommenderCatalog([new RecommenderRegistration(
            CancellingRecommender.ModelName, "Cancels the run while fitting.", () => new CancellingRecommender(cancellation), _ => throw new NotSupportedException())]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Job([CancellingRecommender.ModelName], catalog).TrainAsync(cancellation.Token));

        await using var db = _db.CreateDbContext();
        var last = await db.TrainingRuns.OrderByDescending(r => r.Id).FirstAsync();
        Assert.Equal(RunStatus.Cancelled, last.Status);
        Assert.NotNull(last.FinishedAt);
        Assert.Equal(champion!.Id, (await Registry().ChampionAsync())!.Id);
    }

    private RecommenderRegistry Registry() => RegistryTestShop.Registry(_db);

    private RecommenderTrainingJob Job(List<string>? models = null, RecommenderCatalog? catalog = null)
    {
        var (splits, families, registry) = (new TemporalSplitLoader(new PurchaseSequences(_db)), catalog ?? RegistryTestShop.Catalog(), Registry());
        var options = Options.Create(new RecommenderOptions { Models = models ?? [], HeldOutDays = 30 });
        return new(_db, splits, families, registry, new ServingRefit(splits, families, registry),
            new ArtifactRetention(registry, [new CampaignRecommenderPins(_db)], options), new TrainingGate(), options, TimeProvider.System,
            NullLogger<RecommenderTrainingJob>.Instance);
    }

    private ChampionRefitJob RefitJob()
    {
        var (splits, families, registry) = (new TemporalSplitLoader(new PurchaseSequences(_db)), RegistryTestShop.Catalog(), Registry());
        return new(registry, families, new ServingRefit(splits, families, registry), new TrainingGate(), NullLogger<ChampionRefitJob>.Instance);
    }

    /// <summary>Stands for a long fit that the user cancels half-way: it trips the job's token, then honours it.</summary>
    private sealed class CancellingRecommender(CancellationTokenSource cancellation) : IRecommender
    {
        public const string ModelName = "cancelling";

        public string Name => ModelName;

        public ItemIndex? Items => null;

        public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            cancellation.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        public void Score(CustomerHistory history, Span<float> scores) => throw new NotSupportedException();

        public byte[] Save() => throw new NotSupportedException();
    }
}
