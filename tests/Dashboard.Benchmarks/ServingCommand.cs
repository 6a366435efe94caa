using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Demo;
using Dashboard.Core.Pipeline;
using Spectre.Console;

namespace Dashboard.Benchmarks;

/// <summary>
/// The options of the serving mode (<c>--serving</c>) and its run: a load test of the recommendation API through the real
/// web app, on the demo database (5,000 customers unless <c>--customers</c> says otherwise) and any <c>--other-db</c>.
/// </summary>
public sealed class ServingCommand
{
    /// <summary>The web app's own demo shop size (Demo:Customers): the serving mode's default database.</summary>
    public const int DefaultCustomers = 5000;

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Option<bool> Serving { get; } = new("--serving")
    {
        Description = "Load-test the recommendation API instead of the in-process measurements: trains each --serving-models champion on a copy of the database, "
            + "starts the Release web app on a loopback port and runs wrk on GET /api/customers/{id}/recommendations?count=10 and /api/products/{sku}/similar?count=10 "
            + "(p50/p90/p99, requests/s; aims p99 under 10 ms, over 5,000 requests/s). Needs wrk (apt-get install wrk). The demo database defaults to 5,000 customers here, "
            + "and is reused when it exists (it is only copied).",
    };

    public Option<string> Models { get; } = new("--serving-models")
    {
        Description = "Comma-separated recommender families to serve, one champion after the other (gru4rec and sasrec need TorchSharp).",
        DefaultValueFactory = _ => "repeat,gru4rec",
    };

    public Option<string> Connections { get; } = new("--connections")
    {
        Description = "Comma-separated numbers of open connections (concurrent clients) for wrk: one table row each.",
        DefaultValueFactory = _ => "8,32,64",
    };

    public Option<int> Duration { get; } = new("--duration") { Description = "Seconds of load per row.", DefaultValueFactory = _ => 20 };

    public Option<int> Warmup { get; } = new("--serving-warmup") { Description = "Seconds of untimed load per endpoint first.", DefaultValueFactory = _ => 5 };

    public Option<int> Threads { get; } = new("--wrk-threads") { Description = "wrk threads (at most the connections).", DefaultValueFactory = _ => 2 };

    public Option<int> Keys { get; } = new("--api-keys")
    {
        Description = "API keys the load spreads over, a random one per request: each allows at most 10,000 requests a minute (the most an admin may set), "
            + "and the rows of one endpoint share the keys' one-minute windows, so 500 keys carry about 80,000 requests/s before any is refused (429).",
        DefaultValueFactory = _ => 500,
    };

    public void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in new Option[] { Serving, Models, Connections, Duration, Warmup, Threads, Keys })
        {
            root.Options.Add(option);
        }
    }

    /// <summary>
    /// Runs the serving mode: <paramref name="demo"/> (null with --skip-demo) made when missing, then every database measured.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, DemoOptions? demo, FileInfo? demoFile, IReadOnlyList<FileInfo> others, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (WrkLoad.Find() is not { } wrk)
        {
            await Console.Error.WriteLineAsync("error: the serving benchmark needs wrk on the PATH; install it (Debian: sudo apt-get install -y wrk) and run again.");
            return 2;
        }

        var connections = Numbers(parse.GetValue(Connections));
        var families = (parse.GetValue(Models) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var plan = new ServingPlan(families, connections ?? [], parse.GetValue(Duration), parse.GetValue(Warmup), parse.GetValue(Threads), parse.GetValue(Keys), json);
        if (connections is null || connections.Count == 0 || connections.Any(c => c < 1) || families.Count == 0
            || plan.Seconds < 1 || plan.WarmupSeconds < 0 || plan.Threads < 1 || plan.Keys < 1)
        {
            await Console.Error.WriteLineAsync("error: --connections needs positive numbers, --serving-models a family, --duration, --wrk-threads and --api-keys at least 1.");
            return 2;
        }

        var reports = new List<ServingReport>();
        try
        {
            if (demo is not null && demoFile is not null)
            {
                demo.Validate();
                if (!demoFile.Exists)
                {
                    Directory.CreateDirectory(demoFile.DirectoryName!);
                    ServingBenchmark.Say(plan, $"Generating the demo shop ({demo.Customers:N0} customers) into {demoFile.FullName}");
                    await using var setup = new BenchmarkHost(demoFile);
                    await DemoDataSet.GenerateAsync(setup, demo, (_, _) => { }, ct);
                    demoFile.Refresh();
                }

                reports.Add(await MeasureAsync("demo", demoFile, plan, wrk, ct));
            }

            foreach (var other in others)
            {
                reports.Add(await MeasureAsync(Path.GetFileNameWithoutExtension(other.Name), other, plan, wrk, ct));
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or TimeoutException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(
                new { aims = new { p99Ms = ServingBenchmark.P99AimMs, requestsPerSecond = ServingBenchmark.ThroughputAim }, cores = Environment.ProcessorCount, serving = reports },
                JsonOutput));
        }

        return 0;
    }

    private static async Task<ServingReport> MeasureAsync(string name, FileInfo file, ServingPlan plan, string wrk, CancellationToken ct)
    {
        var report = await ServingBenchmark.RunAsync(name, file, plan, wrk, ct);
        if (!plan.Json)
        {
            ServingBenchmark.Print(report, plan);
        }

        return report;
    }

    private static List<int>? Numbers(string? text)
    {
        var numbers = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            numbers.Add(n);
        }

        return numbers;
    }
}
