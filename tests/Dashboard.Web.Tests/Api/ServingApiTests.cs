using System.Net;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Models;
using Dashboard.Core.Orders;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Api;

/// <summary>GET /api/customers/{id}/recommendations and /api/products/{sku}/similar, served from the recommender champion.</summary>
[Collection(HostsTheApp.Name)]
public sealed class ServingApiTests(ApiApp api) : IClassFixture<ApiApp>
{
    /// <summary>Today: serving leaves out what a customer bought in the last two weeks by the wall clock.</summary>
    private static readonly DateTime Day = DateTime.UtcNow.Date;

    [Fact]
    public async Task Recommendations_ComeFromTheChampion_WithProductFieldsReasonsAndTheVersion()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var customer = Customer($"C-{id}");
        var (book, chair, lamp) = (Product($"B-{id}", "Books"), Product($"G-{id}", "Garden"), Product($"L-{id}", "Home"));
        await SaveAsync(customer, book, chair, lamp,
            Purchase($"1-{id}", customer, Day.AddDays(-3), (lamp, 1)),
            Purchase($"2-{id}", null, Day.AddDays(-3), (chair, 1)),
            Purchase($"3-{id}", Customer($"D-{id}"), Day.AddDays(-2), (book, 1), (chair, 1)),
            Purchase($"4-{id}", Customer($"K-{id}"), Day.AddDays(-1), (chair, 1)));
        var versionId = await PromotePopularityChampionAsync(book, chair, lamp);
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.RecommendationsRead])).Key);

        var response = await client.GetAsync(new Uri($"/api/customers/{customer.ExternalId}/recommendations?count=5&diverse=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(versionId, json.RootElement.GetProperty("modelVersion").GetInt32());
        Assert.Equal("popularity", json.RootElement.GetProperty("family").GetString());
        Assert.False(json.RootElement.GetProperty("fallback").GetBoolean());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        // The lamp was bought three days ago: not offered again.
        Assert.Equal([chair.Sku, book.Sku], items.Select(i => i.GetProperty("sku").GetString()));
        Assert.Equal(chair.Id, items[0].GetProperty("productId").GetInt32());
        Assert.Equal("Garden", items[0].GetProperty("category").GetString());
        Assert.Equal(chair.Name, items[0].GetProperty("name").GetString());
        Assert.True(items[0].GetProperty("score").GetDouble() > 0);
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("reason").GetString())));
    }

    [Fact]
    public async Task ACustomerWithoutPurchases_GetsTheColdStart_InTheRequestedCategory()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (customer, buyer) = (Customer($"N-{id}"), Customer($"E-{id}"));
        var (book, chair) = (Product($"B-{id}", "Books"), Product($"G-{id}", "Garden"));
        await SaveAsync(customer, book, chair, Purchase($"1-{id}", buyer, Day.AddDays(-1), (book, 1), (chair, 1)));
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.RecommendationsRead])).Key);

        var response = await client.GetAsync(new Uri($"/api/customers/{customer.ExternalId}/recommendations?category=Garden", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("Garden", i.GetProperty("category").GetString()));
        Assert.All(items, i => Assert.Equal("popular right now", i.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task SimilarItems_AreThoseBoughtByTheSameCustomers()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (tent, stove, novel) = (Product($"T-{id}", "Outdoor"), Product($"S-{id}", "Outdoor"), Product($"N-{id}", "Books"));
        await SaveAsync(tent, stove, novel,
            Purchase($"1-{id}", Customer($"F-{id}"), Day.AddDays(-5), (tent, 1), (stove, 1)),
            Purchase($"2-{id}", Customer($"H-{id}"), Day.AddDays(-4), (novel, 1)));
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.RecommendationsRead])).Key);

        var response = await client.GetAsync(new Uri($"/api/products/{tent.Sku}/similar?count=3", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([stove.Sku], json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()));
    }

    [Theory]
    [InlineData("/api/customers/nobody/recommendations", HttpStatusCode.NotFound)]
    [InlineData("/api/products/no-such-sku/similar", HttpStatusCode.NotFound)]
    [InlineData("/api/customers/anyone/recommendations?count=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/customers/anyone/recommendations?count=101", HttpStatusCode.BadRequest)]
    [InlineData("/api/products/any/similar?count=101", HttpStatusCode.BadRequest)]
    public async Task BadRequestsAndUnknownIds_AreProblems(string path, HttpStatusCode expected)
    {
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.RecommendationsRead])).Key);

        await Problem.ReadAsync(await client.GetAsync(new Uri(path, UriKind.Relative)), expected);
    }

    [Fact]
    public async Task WithoutTheRecommendationsScope_TheEndpointsAreForbidden()
    {
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key);

        await Problem.ReadAsync(await client.GetAsync(new Uri("/api/customers/anyone/recommendations", UriKind.Relative)), HttpStatusCode.Forbidden);
    }

    /// <summary>A popularity model fitted on these products' recent purchases, stored as the recommender champion.</summary>
    private async Task<int> PromotePopularityChampionAsync(params Product[] products)
    {
        var items = new ItemIndex(products.Select(p => p.Id));
        await using var db = await api.Contexts.CreateDbContextAsync();
        var productIds = products.Select(p => p.Id).ToList();
        var lines = (from line in db.OrderLines
                     join order in db.Orders on line.OrderId equals order.Id
                     where productIds.Contains(line.ProductId) && order.CustomerId != null
                     select new { CustomerId = order.CustomerId!.Value, order.PlacedAt, line.OrderId, line.ProductId }).ToList();
        var histories = lines.GroupBy(l => l.CustomerId)
            .Select(g => new CustomerHistory(g.Key, [.. g.Select(l => new Interaction(items.TryGetIndex(l.ProductId, out var i) ? i : -1, l.PlacedAt, l.OrderId))]))
            .ToList();
        var model = new PopularityRecommender();
        model.Fit(new RecommenderTrainingSet(items, histories, Day.AddDays(1)));
        var version = new ModelVersion { Kind = RecommenderKinds.Of(model.Name), CreatedAt = Day, DataFrom = Day.AddDays(-30), DataTo = Day, Artifact = model.Save() };
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync();
        await api.Service<RecommenderRegistry>().PromoteAsync(version.Id, actor: null);
        return version.Id;
    }

    private static Customer Customer(string externalId) =>
        new() { ExternalId = externalId, Country = "United Kingdom", CreatedAt = Day.AddYears(-1) };

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
