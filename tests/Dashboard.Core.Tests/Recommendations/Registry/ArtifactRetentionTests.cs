using Dashboard.Core.Campaigns;
using Dashboard.Core.Models;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Recommendations.Registry;

public sealed class ArtifactRetentionTests : IDisposable
{
    private static readonly DateTime Day = new(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc);
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task OldVersions_LoseTheirArtifacts_UnlessChampionPastChampionPinnedOrAmongTheNewest()
    {
        // repeat v1..v8: v1 was champion once, v2 is pinned by a running campaign, v3 by a completed one, v8 is the
        // champion; itemknn has two versions. Three per family are kept besides.
        var repeat = await VersionsAsync("rec:repeat", 8);
        var itemKnn = await VersionsAsync("rec:itemknn", 2);
        await using (var db = _db.CreateDbContext())
        {
            await db.ModelVersions.Where(m => m.Id == repeat[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.PromotedAt, Day.AddDays(-30)));
            await db.ModelVersions.Where(m => m.Id == repeat[7]).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsChampion, true).SetProperty(m => m.PromotedAt, Day));
        }

        await TestShop.SaveAsync(_db, Campaign("Running", CampaignStatus.Running, repeat[1]), Campaign("Done", CampaignStatus.Completed, repeat[2]));
        var registry = RegistryTestShop.Registry(_db);
        var retention = new ArtifactRetention(registry, [new CampaignRecommenderPins(_db)], Options.Create(new RecommenderOptions { KeepArtifactsPerFamily = 3 }));

        var dropped = await retention.ApplyAsync(CancellationToken.None);

        Assert.Equal(3, dropped);
        await using var check = _db.CreateDbContext();
        var kept = await check.ModelVersions.Where(m => m.Artifact != null).Select(m => m.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal([repeat[0], repeat[1], repeat[5], repeat[6], repeat[7], itemKnn[0], itemKnn[1]], kept);
        Assert.False(await check.ModelVersions.AnyAsync(m => m.Artifact == null && m.ServingArtifact != null));
        Assert.Equal(10, await check.ModelVersions.CountAsync());
        Assert.DoesNotContain(repeat[3], (await registry.PinnableVersionsAsync()).Select(v => v.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.PromoteAsync(repeat[3], "admin@example.com"));
        Assert.Equal(0, await retention.ApplyAsync(CancellationToken.None));
    }

    private async Task<List<int>> VersionsAsync(string kind, int count)
    {
        await using var db = _db.CreateDbContext();
        var versions = Enumerable.Range(1, count).Select(i => new ModelVersion
        {
            Kind = kind, CreatedAt = Day.AddDays(i - count), DataFrom = Day.AddDays(-90), DataTo = Day.AddDays(i - count - 30),
            Artifact = [1, 2, 3], ServingArtifact = [4, 5], ServingDataTo = Day.AddDays(i - count),
        }).ToList();
        db.ModelVersions.AddRange(versions);
        await db.SaveChangesAsync();
        return [.. versions.Select(v => v.Id)];
    }

    private static Campaign Campaign(string name, CampaignStatus status, int pinned) => new()
    {
        Name = name,
        Status = status,
        CreatedAt = Day,
        Variants =
        [
            new CampaignVariant { Name = "Control", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.5, ProductCount = 3 },
            new CampaignVariant { Name = "Pinned", Strategy = OfferStrategy.Personalized, TrafficShare = 0.5, ProductCount = 3, ModelVersionId = pinned },
        ],
    };
}
