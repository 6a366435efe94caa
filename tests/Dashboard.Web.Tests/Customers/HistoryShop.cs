using Dashboard.Core.Campaigns;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Customers;

/// <summary>Products, orders with lines and behaviour events: a customer's history, for the profile page's tests.</summary>
internal sealed class HistoryShop(IDbContextFactory<DashboardDbContext> contexts)
{
    public static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private int _invoice;

    public async Task<Customer> CustomerAsync(string externalId, DateTime? erasedAt = null)
    {
        var customer = new Customer { ExternalId = externalId, Country = "United Kingdom", CreatedAt = Start.AddYears(-1), ErasedAt = erasedAt };
        await SaveAsync(customer);
        return customer;
    }

    public async Task<Product> ProductAsync(string name, string category = "Kitchen", decimal price = 10m)
    {
        var product = new Product { Sku = $"SKU-{name}", Name = name, Category = category, Price = price, CreatedAt = Start.AddYears(-1) };
        await SaveAsync(product);
        return product;
    }

    public async Task<Campaign> CampaignAsync(string name)
    {
        var campaign = new Campaign { Name = name, Status = CampaignStatus.Running, CreatedAt = Start.AddDays(-30) };
        await SaveAsync(campaign);
        return campaign;
    }

    public async Task<Order> OrderAsync(Customer? customer, DateTime placedAt, OrderKind kind, params (Product Product, int Quantity)[] lines)
    {
        var order = new Order
        {
            InvoiceNo = $"{(kind == OrderKind.Return ? "C" : "")}{++_invoice:D6}",
            CustomerId = customer?.Id,
            Kind = kind,
            PlacedAt = placedAt,
            Country = customer?.Country ?? "United Kingdom",
            Lines = [.. lines.Select(l => new OrderLine { ProductId = l.Product.Id, Quantity = l.Quantity, UnitPrice = l.Product.Price })],
        };
        order.RecalculateTotal();
        await SaveAsync(order);
        return order;
    }

    public async Task<BehaviorEvent> EventAsync(Customer customer, DateTime at, EventType type, Product? product = null, Campaign? campaign = null, Order? order = null)
    {
        var e = new BehaviorEvent
        {
            CustomerId = customer.Id, SessionId = "s-1", Type = type, OccurredAt = at,
            ProductId = product?.Id, CampaignId = campaign?.Id, OrderId = order?.Id,
        };
        await SaveAsync(e);
        return e;
    }

    /// <summary>Many rows at once, for paging tests: one context, one save.</summary>
    public async Task AddRangeAsync(IEnumerable<object> entities)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    private async Task SaveAsync(object entity)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.Add(entity);
        await db.SaveChangesAsync();
    }
}
