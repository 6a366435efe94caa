using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Events;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Api;

/// <summary>POST /api/events: valid items are stored before the answer, invalid ones come back by index.</summary>
[Collection(HostsTheApp.Name)]
public sealed class EventsApiTests(ApiApp api) : IClassFixture<ApiApp>
{
    private static readonly Uri Events = new("/api/events", UriKind.Relative);

    [Fact]
    public async Task Post_StoresValidEventsAndListsErrorsByIndex_WhenBatchIsMixed()
    {
        var (customer, product) = await SeedAsync();
        var session = Guid.NewGuid().ToString("N");
        using var client = await ClientAsync();

        var response = await client.PostAsJsonAsync(Events, new
        {
            events = new object[]
            {
                new { customerId = customer.ExternalId, sessionId = session, type = "View", sku = product.Sku, occurredAt = "2025-06-30T09:15:00Z" },
                new { sessionId = session, type = "Teleport", occurredAt = "2025-06-30T09:16:00Z" },
                new { sessionId = session, type = "AddToCart", sku = "NO-SUCH-SKU", occurredAt = "2025-06-30T09:17:00Z" },
                new { sessionId = session, type = "purchase", sku = product.Sku, occurredAt = "2025-06-30T11:18:00+02:00" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal((2, 2), (root.GetProperty("accepted").GetInt32(), root.GetProperty("rejected").GetInt32()));
        var errors = root.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([1, 2], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Contains("Teleport", errors[0].GetProperty("messages")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("NO-SUCH-SKU", errors[1].GetProperty("messages")[0].GetString(), StringComparison.Ordinal);

        await using var db = await api.Contexts.CreateDbContextAsync();
        var stored = await db.Events.Where(e => e.SessionId == session).OrderBy(e => e.OccurredAt).ToListAsync();
        Assert.Equal([EventType.View, EventType.Purchase], stored.Select(e => e.Type));
        Assert.Equal(customer.Id, stored[0].CustomerId);
        Assert.Null(stored[1].CustomerId);
        Assert.Equal(new DateTime(2025, 6, 30, 9, 18, 0, DateTimeKind.Utc), stored[1].OccurredAt);
    }

    [Fact]
    public async Task Post_Returns400AndStoresNothing_WhenBatchHasMoreThan500Events()
    {
        var session = Guid.NewGuid().ToString("N");
        using var client = await ClientAsync();
        var events = Enumerable.Range(0, EventBatchIngestor.MaxBatchSize + 1)
            .Select(_ => new { sessionId = session, type = "View", occurredAt = "2025-06-30T09:15:00Z" });

        var response = await client.PostAsJsonAsync(Events, new { events });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("at most 500", problem.Detail, StringComparison.Ordinal);
        await using var db = await api.Contexts.CreateDbContextAsync();
        Assert.False(await db.Events.AnyAsync(e => e.SessionId == session));
    }

    [Fact]
    public async Task Post_Returns413_WhenBodyIsLargerThanOneMebibyte()
    {
        using var client = await ClientAsync();
        var padding = new string(' ', 1024 * 1024);
        using var content = new StringContent($"{{\"events\":[]{padding}}}", Encoding.UTF8, "application/json");

        var response = await client.PostAsync(Events, content);

        await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("{\"events\": [", "not valid JSON")]
    [InlineData("[]", "not valid JSON")]
    [InlineData("{}", "non-empty 'events' array")]
    [InlineData("{\"events\": []}", "non-empty 'events' array")]
    public async Task Post_Returns400Problem_WhenBodyIsMalformed(string body, string expectedDetail)
    {
        using var client = await ClientAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await client.PostAsync(Events, content);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(expectedDetail, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Returns415Problem_WhenBodyIsNotJson()
    {
        using var client = await ClientAsync();
        using var content = new StringContent("type=View", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await client.PostAsync(Events, content);

        await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<HttpClient> ClientAsync() => api.Client((await api.CreateKeyAsync([ApiScopes.EventsWrite])).Key);

    private async Task<(Customer Customer, Product Product)> SeedAsync()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer { ExternalId = $"C-{id}", Country = "United Kingdom", CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var product = new Product { Sku = $"SKU-{id}", Name = "Garden chair", Category = "Garden", Price = 40m, CreatedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        await using var db = await api.Contexts.CreateDbContextAsync();
        db.AddRange(customer, product);
        await db.SaveChangesAsync();
        return (customer, product);
    }
}
