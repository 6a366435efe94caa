using System.Text.Json;
using Dashboard.Core.Demo;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Cli;

/// <summary><c>dashboard evaluate</c> through the real command tree on a small seeded demo shop.</summary>
[Collection(ConsoleDefinition.Name)]
public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly DemoOptions SmallShop = new()
    {
        Customers = 300, Products = 120, Days = 60, Seed = 7, EndDate = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
    };

    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Evaluate_PrintsEveryRegisteredModel_AsJson()
    {
        await SeedAsync();

        var (exit, output) = await RunAsync("--db", _db.FilePath, "--json", "evaluate", "--held-out-days", "20");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["popularity", "itemknn", "repeat", "gru4rec", "sasrec"], models.Select(m => m.GetProperty("name").GetString()));
        foreach (var model in models)
        {
            foreach (var key in new[] { "hr@10", "ndcg@10", "mrr@10", "recall@20", "coverage", "trainSeconds" })
            {
                Assert.InRange(model.GetProperty(key).GetDouble(), 0, key == "trainSeconds" ? 60 : 1);
            }

            Assert.True(model.GetProperty("repeat").GetProperty("ndcg@10").GetDouble() >= 0);
        }

        var split = json.RootElement.GetProperty("split");
        Assert.Equal(new DateTime(2026, 3, 12, 0, 0, 0, DateTimeKind.Utc), split.GetProperty("cutoff").GetDateTime());
        Assert.True(split.GetProperty("testCustomers").GetInt32() > 0);
        Assert.True(split.GetProperty("trainItems").GetInt32() > 0);
    }

    [Fact]
    public async Task Evaluate_RunsTheNamedModels_InTheOrderGiven_WithATable()
    {
        await SeedAsync();

        var (exit, output) = await RunAsync("--db", _db.FilePath, "evaluate", "--cutoff", "2026-03-01", "--models", "repeat,popularity");

        Assert.Equal(0, exit);
        Assert.Contains("Cut-off 2026-03-01", output, StringComparison.Ordinal);
        Assert.Contains("NDCG@10 repeat", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("│ repeat", StringComparison.Ordinal) < output.IndexOf("│ popularity", StringComparison.Ordinal));
        Assert.DoesNotContain("itemknn", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_FailsWithTheKnownNames_WhenAModelIsUnknown()
    {
        var (exit, output) = await RunAsync("--db", _db.FilePath, "evaluate", "--models", "bert4rec");

        Assert.Equal(1, exit);
        Assert.Contains("known: popularity, itemknn, repeat, gru4rec, sasrec", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_Fails_WhenThereAreNoPurchases()
    {
        var (exit, output) = await RunAsync("--db", _db.FilePath, "evaluate");

        Assert.Equal(1, exit);
        Assert.Contains("no purchases", output, StringComparison.Ordinal);
    }

    private async Task SeedAsync()
    {
        await using var db = _db.CreateDbContext();
        await new DemoDataGenerator().SeedAsync(db, SmallShop);
    }

    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => CliRun.RunAsync(args);
}
