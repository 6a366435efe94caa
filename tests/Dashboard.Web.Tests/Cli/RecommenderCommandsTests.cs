using System.Text.Json;
using Dashboard.Core.Demo;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Cli;

/// <summary><c>dashboard train</c> and <c>dashboard recommend</c> through the real command tree on a small seeded demo shop.</summary>
[Collection(ConsoleDefinition.Name)]
public sealed class RecommenderCommandsTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Train_RecordsTheVersionsAndAChampion_ThenRecommendServesIt()
    {
        await using (var db = _db.CreateDbContext())
        {
            await new DemoDataGenerator().SeedAsync(db, new DemoOptions
            {
                Customers = 300, Products = 120, Days = 90, Seed = 7, EndDate = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
            });
        }

        var (trainExit, trainOutput) = await CliRun.RunAsync("--db", _db.FilePath, "--json", "train", "--models", "popularity,repeat");
        string buyer;
        await using (var db = _db.CreateDbContext())
        {
            buyer = await db.Customers.Where(c => db.Orders.Any(o => o.CustomerId == c.Id)).OrderBy(c => c.Id).Select(c => c.ExternalId).FirstAsync();
        }

        var (exit, output) = await CliRun.RunAsync("--db", _db.FilePath, "--json", "recommend", buyer, "--count", "4", "--diverse");
        var (tableExit, table) = await CliRun.RunAsync("--db", _db.FilePath, "recommend", buyer, "--count", "3");

        Assert.Equal(0, trainExit);
        using var run = JsonDocument.Parse(trainOutput);
        Assert.Equal("Succeeded", run.RootElement.GetProperty("status").GetString());
        Assert.Contains(run.RootElement.GetProperty("log").EnumerateArray(), line => line.GetString()!.Contains("becomes champion", StringComparison.Ordinal));
        Assert.Equal(0, exit);
        using var served = JsonDocument.Parse(output);
        Assert.Equal(buyer, served.RootElement.GetProperty("customerId").GetString());
        Assert.False(served.RootElement.GetProperty("fallback").GetBoolean());
        Assert.True(served.RootElement.GetProperty("modelVersion").GetInt32() > 0);
        var items = served.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("reason").GetString())));
        Assert.Equal(0, tableExit);
        Assert.Contains($"{served.RootElement.GetProperty("family").GetString()} model v", table, StringComparison.Ordinal);
        Assert.Contains("│ 3 │", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recommend_FailsForAnUnknownCustomer()
    {
        var (exit, output) = await CliRun.RunAsync("--db", _db.FilePath, "recommend", "nobody");

        Assert.Equal(1, exit);
        Assert.Contains("there is no customer 'nobody'", output, StringComparison.Ordinal);
    }
}
