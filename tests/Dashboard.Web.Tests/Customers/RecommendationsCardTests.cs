using Bunit;
using Dashboard.Core.Orders;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations;
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
    public async Task Render_ListsProductsWithTheRankersReasons_AndTheModelThatRankedThem()
    {
        var (db, shop) = Setup();
        var ann = await shop.CustomerAsync("C-1");
        await TrainedShopAsync(db, shop, ann);

        var cut = Render<RecommendationsCard>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForState(() => cut.FindAll("[data-testid=recommendation]").Count > 0, LoadTimeout);

        // Ann buys kitchen things: the kitchen best-sellers first, then the overall best-seller tops the list up.
        var items = cut.FindAll("[data-testid=recommendation]").Select(i => i.TextContent).ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("1. Mug", items[0], StringComparison.Ordinal);
        Assert.Contains("4.50", items[0], StringComparison.Ordinal);
        Assert.Contains("Kitchen · Popular in Kitchen, a favourite category", items[0], StringComparison.Ordinal);
        Assert.Contains("2. Kettle", items[1], StringComparison.Ordinal);
        Assert.Contains("3. Spade", items[2], StringComparison.Ordinal);
        Assert.Contains("Garden · Best-seller this month", items[2], StringComparison.Ordinal);
        Assert.Equal("popularity model v1 · trained 2026-03-31 on sales 2026-02-19 – 2026-03-21",
            string.Join(' ', cut.Find("[data-testid=recommendations-model]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Render_SaysNoModelYet_BeforeThePipelineHasTrained()
    {
        var (_, shop) = Setup();
        var ann = await shop.CustomerAsync("C-1");

        var cut = Render<RecommendationsCard>(p => p.Add(x => x.CustomerId, ann.Id));
        cut.WaitForElement("[data-testid=recommendations-empty]", LoadTimeout);

        Assert.Contains("No recommendation model has been trained yet", cut.Find("[data-testid=recommendations-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=recommendations-model]"));
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
        Services.AddTransient<PurchaseSequences>();
        Services.AddTransient<RecommendationService>();
        var db = UseDatabase(Now);
        return (db, new HistoryShop(db));
    }

    /// <summary>The customer bought a pan 60 days before the newest sale; anonymous shoppers bought the rest lately.</summary>
    private static async Task TrainedShopAsync(SqliteTestDatabase db, HistoryShop shop, Dashboard.Core.Customers.Customer customer)
    {
        var (pan, mug, kettle) = (await shop.ProductAsync("Pan", "Kitchen", 20m), await shop.ProductAsync("Mug", "Kitchen", 4.5m), await shop.ProductAsync("Kettle", "Kitchen", 30m));
        var spade = await shop.ProductAsync("Spade", "Garden", 15m);
        var newest = Start.AddDays(20);
        await shop.OrderAsync(customer, newest.AddDays(-60), OrderKind.Purchase, (pan, 1));
        for (var i = 0; i < 3; i++)
        {
            await shop.OrderAsync(null, newest.AddDays(-i), OrderKind.Purchase, (mug, 1));
        }

        await shop.OrderAsync(null, newest.AddDays(-3), OrderKind.Purchase, (spade, 1));
        await shop.OrderAsync(null, newest.AddDays(-4), OrderKind.Purchase, (spade, 1), (kettle, 1));
        await new PopularityTrainer(db, new PurchaseSequences(db), new FixedTimeProvider(Now)).TrainAsync();
    }
}
