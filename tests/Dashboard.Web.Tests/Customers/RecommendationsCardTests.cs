using Bunit;
using Dashboard.Core.Orders;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Customers;

public sealed class RecommendationsCardTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Start = HistoryShop.Start;
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ListsTheChampionsProductsWithReasons_AndTheModelThatRankedThem()
    {
        var (db, shop) = Setup();
        var ann = await shop.CustomerAsync("C-1");
        await TrainedShopAsync(db, shop, ann);

        var cut = Render<RecommendationsCard>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForState(() => cut.FindAll("[data-testid=recommendation]").Count > 0, LoadTimeout);

        // Ann bought a pan; others bought it with a mug or a kettle: ItemKNN offers those first, then the best-seller.
        var items = cut.FindAll("[data-testid=recommendation]").Select(i => Squash(i.TextContent)).ToList();
        Assert.Equal(["Kettle", "Mug"], items.Take(2).Select(i => i.Contains("Mug", StringComparison.Ordinal) ? "Mug" : "Kettle").Order());
        Assert.All(items.Take(2), i => Assert.Contains("Kitchen · bought with Pan", i, StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Mug 4.50", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Spade", StringComparison.Ordinal));
        Assert.Equal("itemknn model v1 · trained 2026-03-21 on purchases up to 2026-03-21", Squash(cut.Find("[data-testid=recommendations-model]").TextContent));
    }

    [Fact]
    public async Task Render_ShowsTheBestSellers_AndSaysWhy_BeforeAnyRecommenderIsTrained()
    {
        var (_, shop) = Setup();
        var ann = await shop.CustomerAsync("C-1");
        var spade = await shop.ProductAsync("Spade", "Garden", 15m);
        await shop.OrderAsync(null, Start.AddDays(19), OrderKind.Purchase, (spade, 1));

        var cut = Render<RecommendationsCard>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForState(() => cut.FindAll("[data-testid=recommendation]").Count > 0, LoadTimeout);

        Assert.Contains("Spade", cut.Find("[data-testid=recommendation]").TextContent, StringComparison.Ordinal);
        Assert.Contains("popular right now", cut.Find("[data-testid=recommendation]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Best-sellers: no recommender champion has been trained yet.", Squash(cut.Find("[data-testid=recommendations-model]").TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RecommendsNothing_ToAnErasedCustomer()
    {
        var (db, shop) = Setup();
        var erased = await shop.CustomerAsync("C-9", erasedAt: Start.AddDays(25));
        await TrainedShopAsync(db, shop, erased);

        var cut = Render<RecommendationsCard>(p => p.Add(x => x.CustomerId, erased.Id).Add(x => x.Erased, true));
        cut.WaitForElement("[data-testid=recommendations-empty]", LoadTimeout);

        Assert.Contains("Personal data erased", cut.Find("[data-testid=recommendations-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=recommendation]"));
    }

    private (SqliteTestDatabase Db, HistoryShop Shop) Setup()
    {
        SignInAs(Roles.CrmStaff);
        Services.AddServing();
        var db = UseDatabase(Now);
        return (db, new HistoryShop(db));
    }

    /// <summary>
    /// The customer bought a pan 60 days before the newest sale; Bob bought a pan with a mug, Cara a pan with a kettle;
    /// anonymous shoppers bought spades lately. The champion is ItemKNN fitted on all of it.
    /// </summary>
    private static async Task TrainedShopAsync(SqliteTestDatabase db, HistoryShop shop, Dashboard.Core.Customers.Customer customer)
    {
        var (pan, mug, kettle) = (await shop.ProductAsync("Pan", "Kitchen", 20m), await shop.ProductAsync("Mug", "Kitchen", 4.5m), await shop.ProductAsync("Kettle", "Kitchen", 30m));
        var spade = await shop.ProductAsync("Spade", "Garden", 15m);
        var newest = Start.AddDays(20);
        await shop.OrderAsync(customer, newest.AddDays(-60), OrderKind.Purchase, (pan, 1));
        await shop.OrderAsync(await shop.CustomerAsync("C-2"), newest.AddDays(-10), OrderKind.Purchase, (pan, 1), (mug, 1));
        await shop.OrderAsync(await shop.CustomerAsync("C-3"), newest.AddDays(-5), OrderKind.Purchase, (pan, 1), (kettle, 1));
        await shop.OrderAsync(null, newest.AddDays(-1), OrderKind.Purchase, (spade, 1));
        await shop.OrderAsync(null, newest, OrderKind.Purchase, (spade, 1));
        await TestServing.PromoteChampionAsync(db, new ItemKnnRecommender());
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
