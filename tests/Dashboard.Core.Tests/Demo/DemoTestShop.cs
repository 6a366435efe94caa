using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Demo;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Demo;

/// <summary>A small demo shop (300 customers, 120 products, 60 days) seeded into a test database, and its content read back.</summary>
internal static class DemoTestShop
{
    public static readonly DateTime EndDate = new(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc);

    public static DemoOptions Options(int seed = 7) =>
        new() { Customers = 300, Products = 120, Days = 60, Seed = seed, EndDate = EndDate };

    public static async Task<DemoSeedResult> SeedAsync(SqliteTestDatabase database, DemoOptions options, int customersPerBatch = 250)
    {
        await using var db = database.CreateDbContext();
        return await new DemoDataGenerator { CustomersPerBatch = customersPerBatch }.SeedAsync(db, options);
    }

    public static async Task<ShopSnapshot> SeedAndLoadAsync(SqliteTestDatabase database, DemoOptions options)
    {
        await SeedAsync(database, options);
        return await ShopSnapshot.LoadAsync(database);
    }
}

/// <summary>Everything the demo generator writes, with lookups by database key and by natural key.</summary>
internal sealed class ShopSnapshot
{
    private ShopSnapshot(List<Customer> customers, List<Product> products, List<Order> orders, List<BehaviorEvent> events)
    {
        Customers = customers;
        Products = products;
        Orders = orders;
        Events = events;
        CustomersById = customers.ToDictionary(c => c.Id);
        ProductsById = products.ToDictionary(p => p.Id);
        OrdersById = orders.ToDictionary(o => o.Id);
    }

    public List<Customer> Customers { get; }
    public List<Product> Products { get; }
    public List<Order> Orders { get; }
    public List<BehaviorEvent> Events { get; }
    public Dictionary<int, Customer> CustomersById { get; }
    public Dictionary<int, Product> ProductsById { get; }
    public Dictionary<int, Order> OrdersById { get; }

    public IEnumerable<Order> Purchases => Orders.Where(o => o.Kind == OrderKind.Purchase);
    public IEnumerable<Order> Returns => Orders.Where(o => o.Kind == OrderKind.Return);
    public IEnumerable<BehaviorEvent> PurchaseEvents => Events.Where(e => e.Type == EventType.Purchase);

    public static async Task<ShopSnapshot> LoadAsync(SqliteTestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return new ShopSnapshot(
            await db.Customers.AsNoTracking().ToListAsync(),
            await db.Products.AsNoTracking().ToListAsync(),
            await db.Orders.AsNoTracking().Include(o => o.Lines).ToListAsync(),
            await db.Events.AsNoTracking().ToListAsync());
    }

    /// <summary>The 1-based customer index behind a customer key (from its ExternalId).</summary>
    public int CustomerIndex(int customerId) =>
        DemoShopper.TryParseCustomerIndex(CustomersById[customerId].ExternalId, out var index)
            ? index
            : throw new InvalidOperationException($"Customer {customerId} has no demo ExternalId.");

    /// <summary>The 1-based product index behind a product key (from its SKU).</summary>
    public int ProductIndex(int productId) =>
        DemoCatalog.TryParseProductIndex(ProductsById[productId].Sku, out var index)
            ? index
            : throw new InvalidOperationException($"Product {productId} has no demo SKU.");

    /// <summary>
    /// SHA-256 of a canonical dump: every table in natural-key order, every reference written as the
    /// other row's natural key, so database keys do not matter.
    /// </summary>
    public string CanonicalHash()
    {
        var text = new StringBuilder();
        string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        string Sku(int? productId) => productId is { } id ? ProductsById[id].Sku : "-";
        string Invoice(int? orderId) => orderId is { } id ? OrdersById[id].InvoiceNo : "-";
        string External(int? customerId) => customerId is { } id ? CustomersById[id].ExternalId : "-";

        foreach (var c in Customers.OrderBy(c => c.ExternalId, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"C|{c.ExternalId}|{c.FirstName}|{c.LastName}|{c.Email}|{c.Phone}|{c.Country}|{Time(c.CreatedAt)}|{c.EmailOptIn}|{c.PushOptIn}|{c.AdsOptIn}");
        }

        foreach (var p in Products.OrderBy(p => p.Sku, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"P|{p.Sku}|{p.Name}|{p.Category}|{p.Price}|{p.IsActive}|{Time(p.CreatedAt)}");
        }

        foreach (var o in Orders.OrderBy(o => o.InvoiceNo, StringComparer.Ordinal))
        {
            var lines = string.Join(",", o.Lines.Select(l => $"{Sku(l.ProductId)}x{l.Quantity}@{l.UnitPrice}").Order(StringComparer.Ordinal));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"O|{o.InvoiceNo}|{External(o.CustomerId)}|{o.Kind}|{Time(o.PlacedAt)}|{o.Country}|{o.Total}|{Invoice(o.OriginalOrderId)}|{lines}");
        }

        foreach (var e in Events
                     .Select(e => (Line: $"E|{External(e.CustomerId)}|{e.SessionId}|{Time(e.OccurredAt)}|{e.Type}|{Sku(e.ProductId)}|{Invoice(e.OrderId)}", e))
                     .OrderBy(x => x.Line, StringComparer.Ordinal))
        {
            text.AppendLine(e.Line);
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
