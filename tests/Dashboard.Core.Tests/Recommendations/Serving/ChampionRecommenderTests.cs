using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Recommendations.Serving;

public sealed class ChampionRecommenderTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task TheChampionIsLoadedOncePerVersion_AndANewOneShowsAfterTheRefreshDelay()
    {
        await ServingTestShop.SeedAsync(_db);
        var clock = new ManualClock(ServingTestShop.Today);
        var registry = new RecommenderRegistry(_db, Registry.RegistryTestShop.Catalog(), new AuditLog(_db, clock), clock, Options.Create(new RecommenderOptions()));
        using var champion = new ChampionRecommender(_db, registry, clock, Options.Create(new ServingOptions { ChampionRefreshAfter = TimeSpan.FromSeconds(30) }));

        var none = await champion.CurrentAsync();
        var first = await ServingTestShop.PromoteChampionAsync(_db, new PopularityRecommender());
        var stillNone = await champion.CurrentAsync();
        clock.Advance(TimeSpan.FromSeconds(31));
        var loaded = await champion.CurrentAsync();
        clock.Advance(TimeSpan.FromSeconds(31));
        var again = await champion.CurrentAsync();
        var second = await ServingTestShop.PromoteChampionAsync(_db, new RepeatRecommender());
        await registry.PromoteAsync(second, actor: null);
        clock.Advance(TimeSpan.FromSeconds(31));
        var promoted = await champion.CurrentAsync();

        Assert.NotNull(none.Fallback);
        Assert.Same(none, stillNone);
        Assert.Equal((first, "popularity"), (loaded.VersionId, loaded.Family));
        Assert.Same(loaded.Model, again.Model);
        Assert.Equal((second, "repeat", (string?)null), (promoted.VersionId, promoted.Family, promoted.Fallback));
    }
}
