using System.Net;
using System.Text.Json;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Orders;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Api;

/// <summary>GET /api/recommendations and /api/audiences: ids the shop knows, never names or contact details.</summary>
[Collection(HostsTheApp.Name)]
public sealed class ReadApiTests(ApiApp api) : IClassFixture<ApiApp>
{
    private static readonly DateTime Day = new(2025, 6, 30, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task GetRecommendations_ReturnsProductsWithSkuNameScoreAndReason_WhenCustomerIsKnown()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var customer = Customer($"C-{id}");
        var (book, chair) = (Product($"B-{id}", "Books"), Product($"G-{id}", "Garden"));
        await SaveAsync(customer, book, chair, Purchase($"1-{id}", customer, Day.AddDays(-60), (book, 1)), Purchase($"2-{id}", null, Day.AddDays(-3), (chair, 1)), Purchase($"3-{id}", null, Day.AddDays(-2), (book, 1)));
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.RecommendationsRead])).Key);

        var response = await client.GetAsync(new Uri($"/api/recommendations/{customer.ExternalId}?count=2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(customer.ExternalId, json.RootElement.GetProperty("customerId").GetString());
        var products = json.RootElement.GetProperty("products").EnumerateArray().ToList();
        Assert.Equal(2, products.Count);
        Assert.All(products, p =>
        {
            Assert.False(string.IsNullOrEmpty(p.GetProperty("sku").GetString()));
            Assert.False(string.IsNullOrEmpty(p.GetProperty("name").GetString()));
            Assert.True(p.GetProperty("score").GetDouble() > 0);
            Assert.False(string.IsNullOrEmpty(p.GetProperty("reason").GetString()));
        });
    }

    [Fact]
    public async Task GetRecommendations_Returns404Problem_WhenCustomerIsUnknownOrErased()
    {
        var erased = Customer($"C-{Guid.NewGuid():N}"[..10]);
        erased.ErasedAt = Day;
        await SaveAsync(erased);
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.RecommendationsRead])).Key);

        var unknown = await client.GetAsync(new Uri("/api/recommendations/nobody", UriKind.Relative));
        var gone = await client.GetAsync(new Uri($"/api/recommendations/{erased.ExternalId}", UriKind.Relative));

        await Problem.ReadAsync(unknown, HttpStatusCode.NotFound);
        await Problem.ReadAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetRecommendations_Returns400Problem_WhenCountIsOutOfRange()
    {
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.RecommendationsRead])).Key);

        var response = await client.GetAsync(new Uri("/api/recommendations/anyone?count=500", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetAudience_PagesLaunchedMembersWithVariantAndCouponOnly()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var customers = Enumerable.Range(1, 3).Select(i => Customer($"A{i}-{id}")).ToList();
        var campaign = new Campaign
        {
            Name = "Summer",
            Status = CampaignStatus.Running,
            CreatedAt = Day,
            LaunchedAt = Day,
            Variants = [new CampaignVariant { Name = "Control: best-sellers", IsControl = true, TrafficShare = 1 }],
        };
        await SaveAsync([.. customers, campaign]);
        await SaveAsync([.. customers.Select(c => new PromoListEntry
        {
            CampaignId = campaign.Id,
            VariantId = campaign.Variants[0].Id,
            CustomerId = c.Id,
            Country = c.Country,
            CouponCode = $"CPN-{c.ExternalId}",
            CreatedAt = Day,
        })]);
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key);

        var response = await client.GetAsync(new Uri($"/api/audiences/{campaign.Id}?page=2&pageSize=2", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.True(root.GetProperty("launched").GetBoolean());
        Assert.Equal((3, 2, 2), (root.GetProperty("total").GetInt32(), root.GetProperty("page").GetInt32(), root.GetProperty("pageSize").GetInt32()));
        var member = Assert.Single(root.GetProperty("members").EnumerateArray().ToList());
        Assert.Equal($"A3-{id}", member.GetProperty("customerId").GetString());
        Assert.Equal("Control: best-sellers", member.GetProperty("variant").GetString());
        Assert.Equal($"CPN-A3-{id}", member.GetProperty("couponCode").GetString());
        Assert.DoesNotContain("@example.com", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAudience_Returns404Problem_WhenCampaignDoesNotExist()
    {
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key);

        var response = await client.GetAsync(new Uri("/api/audiences/987654", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    private static Customer Customer(string externalId) => new()
    {
        ExternalId = externalId,
        FirstName = "Ann",
        LastName = "Archer",
        Email = $"{externalId}@example.com",
        Country = "United Kingdom",
        CreatedAt = Day.AddYears(-1),
        EmailOptIn = true,
    };

    private static Product Product(string sku, string category) =>
        new() { Sku = sku, Name = $"Product {sku}", Category = category, Price = 10m, CreatedAt = Day.AddYears(-1) };

    private static Order Purchase(string invoice, Customer? customer, DateTime placedAt, params (Product Product, int Quantity)[] lines)
    {
        var order = new Order
        {
            InvoiceNo = invoice,
            Customer = customer,
            Kind = OrderKind.Purchase,
            PlacedAt = placedAt,
            Country = "United Kingdom",
            Lines = [.. lines.Select(l => new OrderLine { Product = l.Product, Quantity = l.Quantity, UnitPrice = l.Product.Price })],
        };
        order.RecalculateTotal();
        return order;
    }

    private async Task SaveAsync(params object[] entities)
    {
        await using var db = await api.Contexts.CreateDbContextAsync();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }
}
