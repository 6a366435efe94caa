using Dashboard.Core.Demo;
using Dashboard.Core.Events;
using Dashboard.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Dashboard.Core.Tests.Demo;

/// <summary>
/// The hidden structure documented in <c>Demo/README.md</c> is really in the data, strongly enough for
/// models to find: each test compares what the data shows with what chance alone would give.
/// </summary>
public sealed class DemoPlantedStructureTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SeedAsync_PutsMostPurchasesInPreferredCategories_WhenShoppersHaveTastes()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);
        var purchases = shop.PurchaseEvents.ToList();
        var categoryShare = purchases
            .GroupBy(e => shop.ProductsById[e.ProductId!.Value].Category)
            .ToDictionary(g => g.Key, g => g.Count() / (double)purchases.Count);

        double hits = 0, expectedByChance = 0;
        foreach (var purchase in purchases)
        {
            var shopper = DemoShopper.For(options.Seed, shop.CustomerIndex(purchase.CustomerId!.Value));
            var preferred = shopper.PreferredCategories.Select(p => p.Category).ToList();
            hits += preferred.Contains(shop.ProductsById[purchase.ProductId!.Value].Category) ? 1 : 0;
            expectedByChance += preferred.Sum(c => categoryShare.GetValueOrDefault(c));
        }

        var observed = hits / purchases.Count;
        var chance = expectedByChance / purchases.Count;
        output.WriteLine($"purchases in preferred categories: {observed:P1}; by chance: {chance:P1}");
        Assert.True(observed > 0.6, $"only {observed:P1} of purchases in preferred categories");
        Assert.True(observed > 2.5 * chance, $"{observed:P1} is not far above chance ({chance:P1})");
    }

    [Fact]
    public async Task SeedAsync_ConcentratesViewsOnFewProducts_WhenPopularityFollowsAPowerLaw()
    {
        using var database = new SqliteTestDatabase();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, DemoTestShop.Options());
        var views = shop.Events.Where(e => e.Type == EventType.View).ToList();

        var viewsPerProduct = views.GroupBy(e => e.ProductId).Select(g => g.Count()).OrderDescending().ToList();
        var topTenth = viewsPerProduct.Take(shop.Products.Count / 10).Sum() / (double)views.Count;

        // Against the planted rank (which separates popularity from category size and price): views of
        // all rank-1 products versus all rank-3 products. A 1/rank^1.1 law gives 3.4x before price
        // preferences, follow-ups and re-buys blur it (2.5x here); without the law it is about 1x.
        var catalog = DemoCatalog.Create(DemoTestShop.Options());
        var byRank = views.GroupBy(e => catalog.Get(shop.ProductIndex(e.ProductId!.Value)).PopularityRank).ToDictionary(g => g.Key, g => g.Count());
        var rankOneOverThree = byRank[1] / (double)byRank[3];

        output.WriteLine($"top 10% of products get {topTenth:P1} of views; rank-1 products {rankOneOverThree:F1}x the views of rank-3 ones");
        Assert.True(topTenth > 0.35, $"the top tenth of products get only {topTenth:P1} of views (uniform would give 10%)");
        Assert.True(rankOneOverThree > 1.8, $"rank-1 products get only {rankOneOverThree:F1}x the views of rank-3 ones");
    }

    [Fact]
    public async Task SeedAsync_StartsMoreSessionsPerDayAtWeekends_WhenWeeklySeasonalityIsPlanted()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);

        var sessionDays = shop.Events.GroupBy(e => e.SessionId).Select(g => g.Min(e => e.OccurredAt).Date).ToList();
        var days = Enumerable.Range(0, options.Days).Select(d => options.StartDate.AddDays(d)).ToList();
        static bool IsWeekend(DateTime d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var weekend = sessionDays.Count(IsWeekend) / (double)days.Count(IsWeekend);
        var weekday = sessionDays.Count(d => !IsWeekend(d)) / (double)days.Count(d => !IsWeekend(d));

        output.WriteLine($"sessions per weekend day {weekend:F1}, per weekday {weekday:F1}");
        Assert.True(weekend > 1.15 * weekday, $"weekend days ({weekend:F1} sessions) are not busier than weekdays ({weekday:F1})");
    }

    [Fact]
    public async Task SeedAsync_PeaksInTheEvening_WhenDailySeasonalityIsPlanted()
    {
        using var database = new SqliteTestDatabase();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, DemoTestShop.Options());

        var hours = shop.Events.GroupBy(e => e.SessionId).Select(g => g.Min(e => e.OccurredAt).Hour).ToList();
        var evening = hours.Count(h => h is >= 19 and <= 21) / 3.0;
        var night = hours.Count(h => h is >= 2 and <= 4) / 3.0;

        output.WriteLine($"sessions per evening hour {evening:F0}, per night hour {night:F0}");
        Assert.True(evening > 5 * night);
    }

    [Fact]
    public async Task SeedAsync_MakesFollowUpPurchasesFarMoreLikelyThanChance_WhenFollowUpsArePlanted()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);
        var catalog = DemoCatalog.Create(options);

        // Each customer's sessions in time order, with the products bought in each.
        var sessionsByCustomer = shop.Events
            .GroupBy(e => e.CustomerId!.Value)
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(e => e.SessionId)
                    .OrderBy(s => s.Min(e => e.OccurredAt))
                    .Select(s => s.Where(e => e.Type == EventType.Purchase).Select(e => shop.ProductIndex(e.ProductId!.Value)).ToHashSet())
                    .ToList());

        // Baseline: the follow-up of another product of the same category (a target of similar popularity).
        int Baseline(int product)
        {
            var own = catalog.Get(product).FollowUpIndex;
            return catalog.ProductsIn(catalog.Get(product).CategoryIndex)
                .Select(other => catalog.Get(other).FollowUpIndex)
                .FirstOrDefault(f => f != own && f != product);
        }

        double planted = 0, chance = 0, total = 0;
        foreach (var sessions in sessionsByCustomer.Values)
        {
            for (var s = 0; s + 1 < sessions.Count; s++)
            {
                foreach (var product in sessions[s])
                {
                    total++;
                    planted += sessions[s + 1].Contains(catalog.Get(product).FollowUpIndex) ? 1 : 0;
                    chance += sessions[s + 1].Contains(Baseline(product)) ? 1 : 0;
                }
            }
        }

        output.WriteLine($"the next session buys the follow-up after {planted / total:P1} of purchases, the baseline pair after {chance / total:P1}");
        Assert.True(planted / total > 0.10, $"follow-ups follow only {planted / total:P1} of purchases");
        Assert.True(planted > 5 * Math.Max(chance, 1), $"follow-ups ({planted}) are not far above the baseline ({chance})");
    }

    [Fact]
    public async Task SeedAsync_MakesPriceSensitiveShoppersViewAndBuyCheaperItems_WhenTheyChooseWithinACategory()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);
        var catalog = DemoCatalog.Create(options);

        // Mean within-category price score (standardised log price) of what the two groups chose.
        (double Sensitive, double Relaxed) MeanPriceScore(EventType type)
        {
            var scored = shop.Events.Where(e => e.Type == type)
                .Select(e => (
                    Sensitivity: DemoShopper.For(options.Seed, shop.CustomerIndex(e.CustomerId!.Value)).PriceSensitivity,
                    Score: catalog.Get(shop.ProductIndex(e.ProductId!.Value)).PriceScore))
                .ToList();
            return (scored.Where(s => s.Sensitivity > 0.65).Average(s => s.Score), scored.Where(s => s.Sensitivity < 0.35).Average(s => s.Score));
        }

        var views = MeanPriceScore(EventType.View);
        var purchases = MeanPriceScore(EventType.Purchase);

        output.WriteLine($"mean price score of views: sensitive {views.Sensitive:F2}, relaxed {views.Relaxed:F2}; " +
                         $"of purchases: sensitive {purchases.Sensitive:F2}, relaxed {purchases.Relaxed:F2}");
        Assert.True(views.Sensitive < views.Relaxed - 0.25, $"price-sensitive shoppers view {views.Sensitive:F2}, relaxed ones {views.Relaxed:F2}");

        // Follow-ups and re-buys are not price-driven, so purchases show a diluted version of the same effect.
        Assert.True(purchases.Sensitive < purchases.Relaxed - 0.1, $"price-sensitive shoppers buy {purchases.Sensitive:F2}, relaxed ones {purchases.Relaxed:F2}");
    }

    [Fact]
    public async Task SeedAsync_MakesRepeatBuyersRebuyMore_WhenRepeatPropensityIsHigh()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options() with { Days = 120 };
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);

        (double Rebuys, double Purchases) high = (0, 0), low = (0, 0);
        foreach (var customer in shop.PurchaseEvents.GroupBy(e => e.CustomerId!.Value))
        {
            var propensity = DemoShopper.For(options.Seed, shop.CustomerIndex(customer.Key)).RepeatPropensity;
            var seen = new HashSet<int?>();
            var rebuys = 0;
            foreach (var purchase in customer.OrderBy(e => e.OccurredAt))
            {
                rebuys += seen.Add(purchase.ProductId) ? 0 : 1;
            }

            if (propensity > 0.25)
            {
                high = (high.Rebuys + rebuys, high.Purchases + customer.Count());
            }
            else if (propensity < 0.1)
            {
                low = (low.Rebuys + rebuys, low.Purchases + customer.Count());
            }
        }

        var highRate = high.Rebuys / high.Purchases;
        var lowRate = low.Rebuys / low.Purchases;
        output.WriteLine($"re-bought share of purchases: high propensity {highRate:P1}, low {lowRate:P1}");
        Assert.True(highRate > 1.5 * lowRate, $"high-propensity shoppers re-buy {highRate:P1}, low ones {lowRate:P1}");
    }
}
