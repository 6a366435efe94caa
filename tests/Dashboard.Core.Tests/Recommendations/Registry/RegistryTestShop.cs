using Dashboard.Core.Demo;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Recommendations.Registry;

/// <summary>A small demo shop (300 customers, 80 products, 90 days) and registries built on it as a host would.</summary>
internal static class RegistryTestShop
{
    public static async Task SeedAsync(SqliteTestDatabase database)
    {
        await using var context = database.CreateDbContext();
        await new DemoDataGenerator().SeedAsync(context, new DemoOptions
        {
            Customers = 300, Products = 80, Days = 90, Seed = 5, EndDate = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
        });
    }

    public static Task<TemporalSplit> SplitAsync(SqliteTestDatabase database) =>
        new TemporalSplitLoader(new PurchaseSequences(database)).LoadAsync(heldOutDays: 30);

    public static RecommenderCatalog Catalog() =>
        new ServiceCollection().AddRecommenders().BuildServiceProvider().GetRequiredService<RecommenderCatalog>();

    public static RecommenderRegistry Registry(SqliteTestDatabase database, double margin = 0.005) =>
        new(database, Catalog(), new AuditLog(database, TimeProvider.System), TimeProvider.System,
            Options.Create(new RecommenderOptions { PromotionMargin = margin }));
}
