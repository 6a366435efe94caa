using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Recommendations.Serving;

public sealed class ServingCatalogueTests : IDisposable
{
    private static readonly DateTime Today = ServingTestShop.Today;
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AStaleCatalogue_IsStillServed_WhileOneBackgroundRebuildReplacesIt()
    {
        await ServingTestShop.SeedAsync(_db);
        var clock = new ManualClock(Today);
        using var catalogue = Catalogue(clock, TimeSpan.FromMinutes(15));
        var first = await catalogue.CurrentAsync();
        await TestShop.SaveAsync(_db, TestShop.Product("NEW", "Books"));

        clock.Advance(TimeSpan.FromMinutes(10));
        var fresh = await catalogue.CurrentAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        var stale = await catalogue.CurrentAsync();
        var rebuilt = await EventuallyAsync(catalogue, s => s.FindBySku("NEW") is not null);

        Assert.Same(first, fresh);
        // The request that found it stale got the old snapshot at once, without the new product.
        Assert.Same(first, stale);
        Assert.Null(stale.FindBySku("NEW"));
        Assert.NotSame(first, rebuilt);
        Assert.Same(rebuilt, await catalogue.CurrentAsync());
    }

    [Fact]
    public async Task WithARefreshIntervalOfZero_EveryRequestSeesTheLatestProducts()
    {
        await ServingTestShop.SeedAsync(_db);
        using var catalogue = Catalogue(new ManualClock(Today), TimeSpan.Zero);
        await catalogue.CurrentAsync();

        await TestShop.SaveAsync(_db, TestShop.Product("NEW", "Books"));

        Assert.NotNull((await catalogue.CurrentAsync()).FindBySku("NEW"));
    }

    private ServingCatalogue Catalogue(TimeProvider clock, TimeSpan refreshAfter) =>
        new(_db, new PurchaseSequences(_db), clock, Options.Create(new ServingOptions { CatalogueRefreshAfter = refreshAfter }), NullLogger<ServingCatalogue>.Instance);

    private static async Task<ServingSnapshot> EventuallyAsync(ServingCatalogue catalogue, Func<ServingSnapshot, bool> done)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var snapshot = await catalogue.CurrentAsync();
            if (done(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The background rebuild did not replace the snapshot within 5 s.");
    }
}
