using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Models;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Recommendations.Serving;

/// <summary>
/// A hand-made shop where every serving rule shows. Recent sales (Ann and Cara included; one single-item order per crowd customer, so the
/// crowd adds popularity but no co-purchases): OLD 7 (inactive), A2 6, G1 5, A3 4, RET 3, A5 2, K1 1. Ann bought A1
/// twice long ago, G2 once, A4 five days ago, and returned RET; Cara bought G1 with G2 (so G1 is "bought with" G2);
/// Bob never bought; Dan is erased.
/// </summary>
internal static class ServingTestShop
{
    public static readonly DateTime Today = TestShop.Today;

    public static async Task SeedAsync(SqliteTestDatabase database)
    {
        var products = new[] { ("A1", "Books"), ("A2", "Books"), ("A3", "Books"), ("A4", "Books"), ("A5", "Books"), ("G1", "Garden"), ("G2", "Garden"), ("K1", "Kitchen"), ("RET", "Garden"), ("OLD", "Books") }
            .ToDictionary(p => p.Item1, p => TestShop.Product(p.Item1, p.Item2));
        products["OLD"].IsActive = false;
        var (ann, bob, cara, dan) = (TestShop.Customer("ANN"), TestShop.Customer("BOB"), TestShop.Customer("CARA"), TestShop.Customer("DAN"));
        dan.ErasedAt = Today.AddDays(-1);
        var entities = new List<object>(products.Values) { ann, bob, cara, dan };
        entities.Add(TestShop.Purchase("ann-1", ann, Today.AddDays(-90), (products["A1"], 1), (products["G2"], 1)));
        entities.Add(TestShop.Purchase("ann-2", ann, Today.AddDays(-60), (products["A1"], 1)));
        entities.Add(TestShop.Purchase("ann-3", ann, Today.AddDays(-5), (products["A4"], 1)));
        entities.Add(TestShop.Purchase("ann-4", ann, Today.AddDays(-8), (products["RET"], 1)));
        entities.Add(TestShop.Return("ann-r", ann, Today.AddDays(-4), (products["RET"], 1)));
        entities.Add(TestShop.Purchase("cara-1", cara, Today.AddDays(-10), (products["G1"], 1), (products["G2"], 1)));
        var crowd = 0;
        foreach (var (sku, orders) in new[] { ("OLD", 7), ("A2", 6), ("G1", 4), ("A3", 4), ("RET", 2), ("A5", 2), ("K1", 1) })
        {
            for (var i = 0; i < orders; i++)
            {
                var buyer = TestShop.Customer($"X{++crowd}");
                entities.Add(buyer);
                entities.Add(TestShop.Purchase($"x-{crowd}", buyer, Today.AddDays(-1 - i), (products[sku], 1)));
            }
        }

        await TestShop.SaveAsync(database, [.. entities]);
    }

    /// <summary>Fits <paramref name="model"/> on every purchase and stores it as the recommender champion.</summary>
    public static Task<int> PromoteChampionAsync(SqliteTestDatabase database, IRecommender model) =>
        TestServing.PromoteChampionAsync(database, model, Today);

    public static RecommendationServing Serving(SqliteTestDatabase database, ServingOptions? servingOptions = null, ServingReadContexts? readContexts = null) =>
        TestServing.Create(database, new FixedTimeProvider(Today), servingOptions, readContexts);
}
