using Dashboard.Core.Campaigns;
using Dashboard.Core.Customers;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>Writes a small, hand-countable shop into a test database.</summary>
public sealed class Shop(IDbContextFactory<DashboardDbContext> contexts)
{
    private int _invoice;

    public async Task<Customer> CustomerAsync(string externalId, DateTime createdAt, string? email = null, string? firstName = null, string? lastName = null, string country = "United Kingdom")
    {
        var customer = new Customer
        {
            ExternalId = externalId,
            FirstName = firstName,
            LastName = lastName,
            Email = email,
            Country = country,
            CreatedAt = createdAt,
        };
        await AddAsync(customer);
        return customer;
    }

    public Task<Order> PurchaseAsync(Customer? customer, DateTime placedAt, decimal total) =>
        OrderAsync(customer, placedAt, total, OrderKind.Purchase);

    public Task<Order> ReturnAsync(Customer? customer, DateTime placedAt, decimal total) =>
        OrderAsync(customer, placedAt, total, OrderKind.Return);

    public async Task ProfileAsync(Customer customer, string segment, int frequency, double monetary, DateTime lastPurchaseAt, int? recencyDays = null) =>
        await AddAsync(new CustomerProfile
        {
            CustomerId = customer.Id,
            Segment = segment,
            RecencyDays = recencyDays,
            Frequency = frequency,
            Monetary = monetary,
            LastPurchaseAt = lastPurchaseAt,
            ReferenceDate = lastPurchaseAt,
            ComputedAt = lastPurchaseAt,
        });

    public async Task<Campaign> CampaignAsync(string name, CampaignStatus status, DateTime? launchedAt = null)
    {
        var campaign = new Campaign { Name = name, Status = status, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), LaunchedAt = launchedAt };
        await AddAsync(campaign);
        return campaign;
    }

    public async Task<PipelineRun> PipelineRunAsync(PipelineRun run)
    {
        await AddAsync(run);
        return run;
    }

    private async Task<Order> OrderAsync(Customer? customer, DateTime placedAt, decimal total, OrderKind kind)
    {
        var order = new Order
        {
            InvoiceNo = $"{(kind == OrderKind.Return ? "C" : "")}{++_invoice:D6}",
            CustomerId = customer?.Id,
            Kind = kind,
            PlacedAt = placedAt,
            Country = customer?.Country ?? "United Kingdom",
            Total = total,
        };
        await AddAsync(order);
        return order;
    }

    private async Task AddAsync(object entity)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.Add(entity);
        await db.SaveChangesAsync();
    }
}
