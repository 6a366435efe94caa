using Dashboard.Core.Demo;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Learning.Clustering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Learning.Tests.Pipeline;

/// <summary>The pipeline on a real SQLite demo shop, with and without <see cref="LearningServiceCollectionExtensions.AddLearning"/>.</summary>
public sealed class ClusterStageTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task RunAsync_StoresClustersAndClusterSegments_WhenLearningIsRegistered()
    {
        await SeedAsync();
        await using var provider = Services(learning: true);

        var run = await provider.GetRequiredService<PipelineJob>().RunAsync("test", null, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var profiles = await db.Profiles.ToListAsync();
        var segments = await db.Segments.Where(s => s.Kind == SegmentKind.Cluster).OrderBy(s => s.Name).ToListAsync();
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("clusters: k = ", run.Log, StringComparison.Ordinal);
        Assert.InRange(segments.Count, KMeansCustomerClusterer.MinK, KMeansCustomerClusterer.MaxK);
        Assert.All(profiles, p => Assert.Equal(p.Frequency > 0, p.Cluster is not null));
        Assert.Equal(profiles.Count(p => p.Cluster is not null), segments.Sum(s => s.CustomerCount));
        Assert.All(segments, s => Assert.StartsWith("Cluster ", s.Name, StringComparison.Ordinal));
        Assert.All(segments, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
        var sizes = profiles.Where(p => p.Cluster is not null).GroupBy(p => p.Cluster!.Value).OrderBy(g => g.Key).Select(g => g.Count());
        Assert.Equal(sizes, segments.Select(s => s.CustomerCount));
    }

    [Fact]
    public async Task RunAsync_LeavesClustersEmpty_WhenLearningIsNotRegistered()
    {
        await SeedAsync();
        await using var provider = Services(learning: false);

        var run = await provider.GetRequiredService<PipelineJob>().RunAsync("test", null, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("clusters: not available", run.Log, StringComparison.Ordinal);
        Assert.False(await db.Profiles.AnyAsync(p => p.Cluster != null));
        Assert.False(await db.Segments.AnyAsync(s => s.Kind == SegmentKind.Cluster));
    }

    private ServiceProvider Services(bool learning)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<IDbContextFactory<DashboardDbContext>>(_db)
            .AddPipeline();
        if (learning)
        {
            services.AddLearning();
        }

        return services.BuildServiceProvider();
    }

    private async Task SeedAsync()
    {
        await using var db = _db.CreateDbContext();
        var end = new DateTime(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc);
        await new DemoDataGenerator().SeedAsync(db, new DemoOptions { Customers = 300, Products = 120, Days = 90, Seed = 7, EndDate = end });
    }
}
