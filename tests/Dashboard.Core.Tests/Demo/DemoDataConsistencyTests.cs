using Dashboard.Core.Demo;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Demo;

/// <summary>The demo shop obeys the rules real data would: orders match events, returns match orders, time is respected.</summary>
public sealed class DemoDataConsistencyTests
{
    [Fact]
    public async Task SeedAsync_WritesOnePurchaseEventPerOrderLine_WhenOrdersArePlaced()
    {
        using var database = new SqliteTestDatabase();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, DemoTestShop.Options());

        var purchases = shop.Purchases.ToList();
        Assert.NotEmpty(purchases);
        var lineKeys = purchases.SelectMany(o => o.Lines.Select(l => (OrderId: o.Id, l.ProductId))).Order().ToList();
        var eventKeys = shop.PurchaseEvents.Select(e => (OrderId: e.OrderId ?? -1, ProductId: e.ProductId ?? -1)).Order().ToList();
        Assert.Equal(lineKeys, eventKeys);

        foreach (var e in shop.PurchaseEvents)
        {
            var order = shop.OrdersById[e.OrderId!.Value];
            Assert.Equal(OrderKind.Purchase, order.Kind);
            Assert.Equal(order.PlacedAt, e.OccurredAt);
            Assert.Equal(order.CustomerId, e.CustomerId);
        }

        Assert.All(shop.Events.Where(e => e.Type != EventType.Purchase), e => Assert.Null(e.OrderId));
    }

    [Fact]
    public async Task SeedAsync_WritesConsistentOrders_WhenOrdersArePlaced()
    {
        using var database = new SqliteTestDatabase();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, DemoTestShop.Options());

        Assert.Equal(shop.Orders.Count, shop.Orders.Select(o => o.InvoiceNo).Distinct().Count());
        foreach (var order in shop.Orders)
        {
            Assert.NotEmpty(order.Lines);
            Assert.All(order.Lines, l => Assert.True(l.Quantity > 0 && l.UnitPrice > 0));
            Assert.Equal(order.Lines.Sum(l => l.UnitPrice * l.Quantity), order.Total, 2);
            var customer = shop.CustomersById[order.CustomerId!.Value];
            Assert.Equal(customer.Country, order.Country);
            Assert.True(order.PlacedAt >= customer.CreatedAt);
            Assert.All(order.Lines, l => Assert.Equal(shop.ProductsById[l.ProductId].Price, l.UnitPrice));
        }
    }

    [Fact]
    public async Task SeedAsync_WritesReturnsOfEarlierPurchasesInsideTheWindow_WhenOrdersAreReturned()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);

        var returns = shop.Returns.ToList();
        Assert.NotEmpty(returns);
        foreach (var ret in returns)
        {
            var original = shop.OrdersById[ret.OriginalOrderId!.Value];
            Assert.Equal(OrderKind.Purchase, original.Kind);
            Assert.Equal(original.CustomerId, ret.CustomerId);
            Assert.InRange(ret.PlacedAt, original.PlacedAt.AddDays(1), original.PlacedAt.AddDays(20));
            Assert.True(ret.PlacedAt < options.WindowEnd);
            foreach (var line in ret.Lines)
            {
                var bought = Assert.Single(original.Lines, l => l.ProductId == line.ProductId);
                Assert.InRange(line.Quantity, 1, bought.Quantity);
                Assert.Equal(bought.UnitPrice, line.UnitPrice);
            }
        }

        Assert.All(shop.Purchases, o => Assert.Null(o.OriginalOrderId));
        Assert.InRange(returns.Count / (double)shop.Purchases.Count(), 0.005, 0.08);
    }

    [Fact]
    public async Task SeedAsync_KeepsEveryEventInsideTheWindowAndTheCustomersLife_WhenSessionsAreSimulated()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);

        Assert.NotEmpty(shop.Events);
        Assert.All(shop.Events, e =>
        {
            Assert.InRange(e.OccurredAt, options.StartDate, options.WindowEnd.AddTicks(-1));
            Assert.True(e.OccurredAt >= shop.CustomersById[e.CustomerId!.Value].CreatedAt);
            var product = shop.ProductsById[e.ProductId!.Value];
            Assert.True(e.OccurredAt >= product.CreatedAt, $"{product.Sku} seen before it was listed");
        });
        Assert.All(shop.Orders, o => Assert.True(o.PlacedAt < options.WindowEnd));
    }

    [Fact]
    public async Task SeedAsync_OrdersEventsWithinASession_ViewsBeforeAddToCartBeforePurchase()
    {
        using var database = new SqliteTestDatabase();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, DemoTestShop.Options());

        foreach (var session in shop.Events.GroupBy(e => e.SessionId))
        {
            var events = session.OrderBy(e => e.OccurredAt).ThenBy(e => e.Type).ToList();
            Assert.Single(events.Select(e => e.CustomerId).Distinct());
            Assert.Equal(EventType.View, events[0].Type);
            var purchases = events.Where(e => e.Type == EventType.Purchase).ToList();
            if (purchases.Count > 0)
            {
                // Checkout ends the session.
                Assert.All(events.Where(e => e.Type != EventType.Purchase), e => Assert.True(e.OccurredAt < purchases[0].OccurredAt));
            }

            foreach (var cart in events.Where(e => e.Type == EventType.AddToCart))
            {
                Assert.Contains(events, v => v.Type == EventType.View && v.ProductId == cart.ProductId && v.OccurredAt < cart.OccurredAt);
            }

            foreach (var purchase in purchases)
            {
                Assert.Contains(events, c => c.Type == EventType.AddToCart && c.ProductId == purchase.ProductId && c.OccurredAt < purchase.OccurredAt);
            }
        }
    }

    [Fact]
    public async Task SeedAsync_WritesBelievableCustomers_WhenCustomersAreCreated()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);

        Assert.True(shop.Customers.Select(c => c.Country).Distinct().Count() >= 5);
        Assert.Equal("United Kingdom", shop.Customers.GroupBy(c => c.Country).MaxBy(g => g.Count())!.Key);
        Assert.Equal(shop.Customers.Count, shop.Customers.Select(c => c.Email!.ToUpperInvariant()).Distinct().Count());
        Assert.All(shop.Customers, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.FirstName));
            Assert.False(string.IsNullOrWhiteSpace(c.LastName));
            Assert.Matches(@"^[^@\s]+@[^@\s]+\.[a-z]+$", c.Email!);
            Assert.False(string.IsNullOrWhiteSpace(c.Phone));
        });
        Assert.Equal(Enumerable.Range(1, 300).Select(DemoShopper.ExternalIdFor), shop.Customers.Select(c => c.ExternalId).Order(StringComparer.Ordinal));

        // Some sign up during the window, most before it.
        var inWindow = shop.Customers.Count(c => c.CreatedAt >= options.StartDate);
        Assert.InRange(inWindow, 30, 150);
        Assert.InRange(shop.Customers.Average(c => c.EmailOptIn ? 1.0 : 0), 0.6, 0.8);
        Assert.InRange(shop.Customers.Average(c => c.PushOptIn ? 1.0 : 0), 0.3, 0.5);
        Assert.InRange(shop.Customers.Average(c => c.AdsOptIn ? 1.0 : 0), 0.45, 0.65);
    }

    [Fact]
    public async Task SeedAsync_LeavesSomeCustomersWithoutOrders_WhenTheyNeverBuyOrChurn()
    {
        using var database = new SqliteTestDatabase();
        var options = DemoTestShop.Options();
        var shop = await DemoTestShop.SeedAndLoadAsync(database, options);
        var buyers = shop.Purchases.Select(o => o.CustomerId!.Value).ToHashSet();

        foreach (var customer in shop.Customers)
        {
            var shopper = DemoShopper.For(options.Seed, shop.CustomerIndex(customer.Id));
            if (shopper.NeverBuys)
            {
                Assert.DoesNotContain(customer.Id, buyers);
            }

            if (shopper.ChurnPoint is { } churn)
            {
                var activeStart = customer.CreatedAt > options.StartDate ? customer.CreatedAt : options.StartDate;
                var churnedAt = activeStart + ((options.WindowEnd - activeStart) * churn);
                var sessionStarts = shop.Events.Where(e => e.CustomerId == customer.Id).GroupBy(e => e.SessionId).Select(g => g.Min(e => e.OccurredAt));
                Assert.All(sessionStarts, start => Assert.True(start < churnedAt, $"{customer.ExternalId} came back after churning"));
            }
        }

        Assert.InRange(shop.Customers.Count(c => !buyers.Contains(c.Id)), 15, 200);
    }
}
