using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>Small hand-made shops for tests whose expected numbers are computed by hand.</summary>
public static class TestShop
{
    public static readonly DateTime Today = new(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc);

    public static Customer Customer(string id, string country = "United Kingdom", bool emailOptIn = true) =>
        new() { ExternalId = id, FirstName = "Test", LastName = id, Email = $"{id}@example.com", Country = country, CreatedAt = Today.AddDays(-400), EmailOptIn = emailOptIn };

    public static Product Product(string sku, string category, decimal price = 10m) =>
        new() { Sku = sku, Name = $"Product {sku}", Category = category, Price = price, CreatedAt = Today.AddDays(-500) };

    public static Order Purchase(string invoice, Customer? customer, DateTime placedAt, params (Product Product, int Quantity)[] lines) =>
        MakeOrder(invoice, customer, placedAt, OrderKind.Purchase, lines);

    public static Order Return(string invoice, Customer customer, DateTime placedAt, params (Product Product, int Quantity)[] lines) =>
        MakeOrder(invoice, customer, placedAt, OrderKind.Return, lines);

    public static async Task SaveAsync(IDbContextFactory<DashboardDbContext> factory, params object[] entities)
    {
        await using var db = factory.CreateDbContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    private static Order MakeOrder(string invoice, Customer? customer, DateTime placedAt, OrderKind kind, (Product Product, int Quantity)[] lines)
    {
        var order = new Order
        {
            InvoiceNo = invoice,
            Customer = customer,
            Kind = kind,
            PlacedAt = placedAt,
            Country = customer?.Country ?? "United Kingdom",
            Lines = lines.Select(l => new OrderLine { Product = l.Product, Quantity = l.Quantity, UnitPrice = l.Product.Price }).ToList(),
        };
        order.RecalculateTotal();
        return order;
    }
}
