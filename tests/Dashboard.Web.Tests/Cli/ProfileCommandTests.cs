using System.Text.Json;
using Dashboard.Cli;
using Dashboard.Core.Demo;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Dashboard.Web.Tests.Cli;

/// <summary>The console is process-wide, so tests that capture it run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleDefinition
{
    public const string Name = "Console";
}

/// <summary><c>dashboard profile</c> through the real command tree (parsing, host, handler) on a real SQLite file.</summary>
[Collection(ConsoleDefinition.Name)]
public sealed class ProfileCommandTests : IDisposable
{
    private static readonly DemoOptions SmallShop = new()
    {
        Customers = 300, Products = 120, Days = 60, Seed = 7, EndDate = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
    };

    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Profile_WritesProfilesAndJsonSummary_WhenShopHasData()
    {
        await SeedAsync();

        var (exit, output) = await RunAsync("--db", _db.FilePath, "--json", "profile");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(300, root.GetProperty("customers").GetInt32());
        var buyers = root.GetProperty("buyers").GetInt32();
        Assert.InRange(buyers, 1, 299);
        Assert.Equal(SmallShop.EndDate.AddDays(1), root.GetProperty("referenceDate").GetDateTime());
        var segmentTotal = root.GetProperty("segments").EnumerateObject().Sum(s => s.Value.GetInt32());
        Assert.Equal(300, segmentTotal);
        Assert.Equal(300 - buyers, root.GetProperty("segments").GetProperty("Prospect").GetInt32());
        var clusters = root.GetProperty("clusters");
        Assert.InRange(clusters.GetProperty("k").GetInt32(), 2, 8);
        Assert.Equal(buyers, clusters.GetProperty("clusters").EnumerateArray().Sum(c => c.GetProperty("size").GetInt32()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("measurement").ValueKind);
        await using var db = _db.CreateDbContext();
        Assert.Equal(300, await db.Profiles.CountAsync());
        Assert.Equal(buyers, await db.Profiles.CountAsync(p => p.Cluster != null));
    }

    [Fact]
    public async Task Profile_ReportsTimeAndMemory_WhenMeasureIsGiven()
    {
        await SeedAsync();

        var (exit, output) = await RunAsync("--db", _db.FilePath, "--json", "profile", "--measure");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var measurement = json.RootElement.GetProperty("measurement");
        Assert.True(measurement.GetProperty("seconds").GetDouble() > 0);
        Assert.True(measurement.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.True(measurement.GetProperty("peakManagedHeapBytes").GetInt64() >= measurement.GetProperty("managedHeapAfterBytes").GetInt64());
        Assert.True(measurement.GetProperty("allocatedBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Profile_PrintsSummaryTables_WithoutJson()
    {
        await SeedAsync();

        var (exit, output) = await RunAsync("--db", _db.FilePath, "profile", "--measure");

        Assert.Equal(0, exit);
        Assert.Contains("reference date", output, StringComparison.Ordinal);
        Assert.Contains("2026-04-01", output, StringComparison.Ordinal);
        Assert.Contains("RFM segment", output, StringComparison.Ordinal);
        Assert.Contains("Prospect", output, StringComparison.Ordinal);
        Assert.Contains("Cluster 1:", output, StringComparison.Ordinal);
        Assert.Contains("peak working set (MiB)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_SucceedsWithNoProfiles_WhenDatabaseIsEmpty()
    {
        var (exit, output) = await RunAsync("--db", _db.FilePath, "--json", "profile");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0, json.RootElement.GetProperty("customers").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("clusters").GetProperty("k").GetInt32());
    }

    private async Task SeedAsync()
    {
        await using var db = _db.CreateDbContext();
        await new DemoDataGenerator().SeedAsync(db, SmallShop);
    }

    /// <summary>Runs the command line as <c>dashboard</c> would and returns its exit code and what it wrote.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var (stdout, stderr, ansi) = (Console.Out, Console.Error, AnsiConsole.Console);
        using var output = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(output);
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            });
            var exit = await DashboardCli.Create().Parse(args).InvokeAsync();
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            AnsiConsole.Console = ansi;
        }
    }
}
