using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Benchmarks;

/// <summary>What the serving load test does: which champions, how many connections, for how long.</summary>
public sealed record ServingPlan(
    IReadOnlyList<string> Families, IReadOnlyList<int> Connections, int Seconds, int WarmupSeconds, int Threads, int Keys, bool Json);

/// <summary>One wrk run of one endpoint at one concurrency, with the server's CPU during it.</summary>
/// <param name="ServerCpuShare">The server's CPU time over the run's wall time, as a share of the machine (1 = every core).</param>
/// <param name="ServerCpuUsPerRequest">The server's CPU time per request, in microseconds: what a request costs, whatever the load.</param>
public sealed record ServingRow(string Endpoint, int Connections, WrkResult Result, double ServerCpuShare, double ServerCpuUsPerRequest);

/// <summary>The runs with one champion serving; <see cref="Fallback"/> is set if the app served popularity instead.</summary>
public sealed record ServingChampion(
    string Family, int VersionId, string ServedFamily, int? ServedVersion, string? Fallback, double TrainSeconds, IReadOnlyList<ServingRow> Rows,
    string? LoadBefore, string? LoadAfter);

/// <summary>The serving load test on one database.</summary>
public sealed record ServingReport(
    string Name, string Source, string Copy, int Customers, int Buyers, int ActiveProducts, int SampledCustomers, int SampledProducts,
    int ApiKeys, IReadOnlyList<string> Skipped, IReadOnlyList<ServingChampion> Champions);

/// <summary>
/// Load-tests the recommendation API as a client sees it. On a copy of the database (the original is never written):
/// creates API keys through <see cref="ApiKeyService"/>, trains the chosen recommender families with
/// <see cref="RecommenderTrainingJob"/> and promotes each in turn; starts the Release web app as a child process on a
/// loopback port (<see cref="ServingWebApp"/>), checks one answer comes from that champion, warms it up, then runs
/// <c>wrk</c> (<see cref="WrkLoad"/>) on <c>GET /api/customers/{id}/recommendations?count=10</c> at each concurrency,
/// a random buyer and a random key per request; <c>GET /api/products/{sku}/similar?count=10</c> (co-purchases, the
/// same whatever the champion) is measured with the first champion only.
/// </summary>
public static class ServingBenchmark
{
    public const double P99AimMs = 10;
    public const double ThroughputAim = 5000;
    public const int Count = 10;

    /// <summary>Customers and products whose ids the load picks from (at random per request).</summary>
    private const int SampleSize = 10_000;

    public const string RecommendationsEndpoint = "recommendations";
    public const string SimilarEndpoint = "similar";

    public static async Task<ServingReport> RunAsync(string name, FileInfo source, ServingPlan plan, string wrk, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(plan);
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-bench", "serving", name);
        Directory.CreateDirectory(folder);
        var copy = new FileInfo(Path.Combine(folder, "serving.db"));
        Say(plan, $"Copying {source.FullName} to {copy.FullName} (the original is not written)");
        Copy(source, copy);

        ServingData data;
        Dictionary<string, (int VersionId, double Seconds)> trained;
        var skipped = new List<string>();
        await using (var host = new BenchmarkHost(copy, configure: services =>
            services.Configure<RecommenderOptions>(o => o.Models = [.. plan.Families])))
        {
            await host.Get<DatabaseMigrator>().MigrateAsync(ct);
            data = await PrepareAsync(host, folder, plan.Keys, ct);
            Say(plan, $"Training {string.Join(", ", plan.Families)} with RecommenderTrainingJob");
            trained = await TrainAsync(host, ct);
            foreach (var family in plan.Families.Where(f => !trained.ContainsKey(f)))
            {
                skipped.Add($"{family}: not trained here (see the training run's log: {await TrainingLogAsync(host, ct)})");
            }
        }

        var script = WrkLoad.WriteScript(folder);
        var champions = new List<ServingChampion>();
        foreach (var family in plan.Families.Where(trained.ContainsKey))
        {
            var (versionId, trainSeconds) = trained[family];
            await using (var host = new BenchmarkHost(copy))
            {
                await host.Get<RecommenderRegistry>().PromoteAsync(versionId, "serving benchmark", ct);
                await DemoDataSet.CheckpointAsync(host, ct);
            }

            SqliteConnection.ClearAllPools();
            var loadBefore = Load();
            Say(plan, $"Starting the web app with the {family} champion (version {versionId})");
            await using var app = await ServingWebApp.StartAsync(copy, Path.Combine(folder, "app-data"), Path.Combine(folder, $"web-{family}.log"), ct);
            var check = await CheckAsync(app, data, ct);
            var endpoints = new List<(string Endpoint, string Template, string Values)> { (RecommendationsEndpoint, RecommendationsPath, data.CustomersFile) };
            if (champions.Count == 0)
            {
                endpoints.Add((SimilarEndpoint, SimilarPath, data.ProductsFile));
            }

            var rows = new List<ServingRow>();
            foreach (var (endpoint, template, values) in endpoints)
            {
                if (plan.WarmupSeconds > 0)
                {
                    Say(plan, $"{family}: warming up {endpoint} for {plan.WarmupSeconds} s");
                    await WrkLoad.RunAsync(wrk, script, app.BaseUrl, template, values, data.KeysFile, plan.Threads, plan.Connections.Max(), plan.WarmupSeconds, ct);
                }

                foreach (var connections in plan.Connections)
                {
                    Say(plan, $"{family}: {endpoint}, {connections} connections, {plan.Seconds} s");
                    var cpuBefore = app.CpuTime;
                    var result = await WrkLoad.RunAsync(wrk, script, app.BaseUrl, template, values, data.KeysFile, Math.Min(plan.Threads, connections), connections, plan.Seconds, ct);
                    var cpu = (app.CpuTime - cpuBefore).TotalSeconds;
                    rows.Add(new ServingRow(endpoint, connections, result, cpu / result.Seconds / Environment.ProcessorCount, result.Requests == 0 ? 0 : cpu * 1e6 / result.Requests));
                }
            }

            champions.Add(new ServingChampion(family, versionId, check.Family, check.ModelVersion, check.Fallback, trainSeconds, rows, loadBefore, Load()));
        }

        File.Delete(data.KeysFile);
        return new ServingReport(
            name, source.FullName, copy.FullName, data.Customers, data.Buyers, data.ActiveProducts, data.SampledCustomers, data.SampledProducts,
            plan.Keys, skipped, champions);
    }

    private const string RecommendationsPath = "/api/customers/%s/recommendations?count=10";
    private const string SimilarPath = "/api/products/%s/similar?count=10";

    private sealed record ServingData(
        int Customers, int Buyers, int ActiveProducts, int SampledCustomers, int SampledProducts, string CustomersFile, string ProductsFile, string KeysFile,
        string FirstCustomer, string FirstProduct, string FirstKey);

    private sealed record ServedCheck(string Family, int? ModelVersion, string? Fallback);

    /// <summary>A consistent copy through SQLite's own VACUUM INTO, the source opened read-only.</summary>
    private static void Copy(FileInfo source, FileInfo copy)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(copy.FullName + suffix);
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source.FullName, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", copy.FullName);
            command.ExecuteNonQuery();
        }

        copy.Refresh();
    }

    /// <summary>
    /// The API keys and the ids the load picks from. A key may allow at most <see cref="NewApiKey.MaxRequestsPerMinute"/>
    /// requests a minute (167 a second), far below the load, so the benchmark is many clients: <paramref name="keys"/> keys,
    /// made like an admin makes them, each request using one at random. The per-key rate limiter runs on every request
    /// as in production; a refusal (429) would show in the error column.
    /// </summary>
    private static async Task<ServingData> PrepareAsync(BenchmarkHost host, string folder, int keys, CancellationToken ct)
    {
        var service = host.Get<ApiKeyService>();
        var plaintext = new List<string>(keys);
        for (var i = 0; i < keys; i++)
        {
            plaintext.Add((await service.CreateAsync(
                new NewApiKey(string.Create(CultureInfo.InvariantCulture, $"Serving benchmark {i + 1}"), [ApiScopes.RecommendationsRead], NewApiKey.MaxRequestsPerMinute),
                "serving benchmark", ct)).Key);
        }

        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        var customers = await db.Customers.CountAsync(c => c.ErasedAt == null, ct);
        var buyers = await db.Customers
            .Where(c => c.ErasedAt == null && db.Orders.Any(o => o.CustomerId == c.Id && o.Kind == OrderKind.Purchase))
            .Select(c => c.ExternalId).ToListAsync(ct);
        var products = await db.Products.Where(p => p.IsActive).Select(p => p.Sku).ToListAsync(ct);
        if (buyers.Count == 0 || products.Count == 0)
        {
            throw new InvalidOperationException("The database has no buyers or no active products to ask about.");
        }

        var random = new Random(42);
        var sampledCustomers = buyers.OrderBy(_ => random.Next()).Take(SampleSize).ToList();
        var sampledProducts = products.OrderBy(_ => random.Next()).Take(SampleSize).ToList();
        var customersFile = Path.Combine(folder, "customers.txt");
        var productsFile = Path.Combine(folder, "products.txt");
        var keysFile = Path.Combine(folder, "keys.txt");
        await File.WriteAllLinesAsync(customersFile, sampledCustomers.Select(Uri.EscapeDataString), ct);
        await File.WriteAllLinesAsync(productsFile, sampledProducts.Select(Uri.EscapeDataString), ct);
        await File.WriteAllLinesAsync(keysFile, plaintext, ct);
        return new ServingData(
            customers, buyers.Count, products.Count, sampledCustomers.Count, sampledProducts.Count, customersFile, productsFile, keysFile,
            sampledCustomers[0], sampledProducts[0], plaintext[0]);
    }

    /// <summary>One training run of the configured families; each family's version from it, whatever the policy promoted.</summary>
    private static async Task<Dictionary<string, (int VersionId, double Seconds)>> TrainAsync(BenchmarkHost host, CancellationToken ct)
    {
        var run = await host.Get<RecommenderTrainingJob>().TrainAsync(ct);
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        var versions = await db.ModelVersions.Where(m => m.TrainingRunId == run.Id)
            .Select(m => new { m.Id, m.Kind, m.TrainingSeconds }).ToListAsync(ct);
        return versions.ToDictionary(v => RecommenderKinds.FamilyOf(v.Kind), v => (v.Id, v.TrainingSeconds));
    }

    private static async Task<string> TrainingLogAsync(BenchmarkHost host, CancellationToken ct)
    {
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        return await db.TrainingRuns.OrderByDescending(r => r.Id).Select(r => r.Log).FirstOrDefaultAsync(ct) ?? "no log";
    }

    /// <summary>One answer of each endpoint before the load: it must succeed, and say which model served it.</summary>
    private static async Task<ServedCheck> CheckAsync(ServingWebApp app, ServingData data, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", data.FirstKey);
        // The first request builds the serving catalogue (products, best-sellers, neighbours): not part of the load.
        using var response = await http.GetAsync(new Uri(RecommendationsPath.Replace("%s", Uri.EscapeDataString(data.FirstCustomer), StringComparison.Ordinal), UriKind.Relative), ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET recommendations for {data.FirstCustomer} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}; see {app.LogPath}.");
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = json.RootElement;
        using var similar = await http.GetAsync(new Uri(SimilarPath.Replace("%s", Uri.EscapeDataString(data.FirstProduct), StringComparison.Ordinal), UriKind.Relative), ct);
        if (!similar.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET similar for {data.FirstProduct} answered {(int)similar.StatusCode}; see {app.LogPath}.");
        }

        return new ServedCheck(
            root.GetProperty("family").GetString() ?? "?",
            root.GetProperty("modelVersion").ValueKind == JsonValueKind.Number ? root.GetProperty("modelVersion").GetInt32() : null,
            root.GetProperty("fallbackReason").GetString());
    }

    public static void Print(ServingReport report, ServingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(plan);
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule(Markup.Escape($"Serving: {report.Name} ({report.Source})")).LeftJustified());
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"{report.Customers:N0} customers ({report.Buyers:N0} with purchases), {report.ActiveProducts:N0} active products; each request asks about one of {report.SampledCustomers:N0} buyers or {report.SampledProducts:N0} products at random, with one of {report.ApiKeys} API keys at random.");
        foreach (var skipped in report.Skipped)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]Skipped {skipped}[/]");
        }

        var table = new Table()
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"GET /api/customers/{{id}}/recommendations?count={Count} and /api/products/{{sku}}/similar?count={Count}: wrk, {plan.Seconds} s per row after {plan.WarmupSeconds} s warm-up")))
            .AddColumns("Champion", "Endpoint", "Connections", "Requests/s", "p50 ms", "p90 ms", "p99 ms", "Max ms", "HTTP errors", "Socket errors", "Server CPU", "Server CPU µs/request");
        foreach (var column in table.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var champion in report.Champions)
        {
            var served = champion.Fallback is null
                ? $"{champion.Family} v{champion.VersionId}"
                : $"[red]{Markup.Escape(champion.Family)}: served popularity ({Markup.Escape(champion.Fallback)})[/]";
            if (champion.Fallback is null && (champion.ServedFamily != champion.Family || champion.ServedVersion != champion.VersionId))
            {
                served = $"[red]{Markup.Escape($"{champion.Family} v{champion.VersionId}, but {champion.ServedFamily} v{champion.ServedVersion} served")}[/]";
            }

            foreach (var row in champion.Rows)
            {
                var r = row.Result;
                table.AddRow(
                    served,
                    row.Endpoint,
                    N0(row.Connections),
                    AtLeast(r.RequestsPerSecond, ThroughputAim, "N0"),
                    F1(r.P50Ms),
                    F1(r.P90Ms),
                    Below(r.P99Ms, P99AimMs, "0.0"),
                    F1(r.MaxMs),
                    r.Non2xx == 0 ? "0" : $"[red]{N0(r.Non2xx)}[/]",
                    r.SocketErrors + r.Timeouts == 0 ? "0" : $"[red]{N0(r.SocketErrors + r.Timeouts)}[/]",
                    row.ServerCpuShare.ToString("P0", CultureInfo.InvariantCulture),
                    N0(row.ServerCpuUsPerRequest));
            }
        }

        table.Caption(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Aims: p99 under {P99AimMs:0} ms and over {ThroughputAim:N0} requests/s. wrk runs on the same {Environment.ProcessorCount} cores as the server, so the requests/s are the pair's, with the load tool taking its share; 'Server CPU' is the server's share of the machine during the run, and its CPU per request is the cost that does not depend on the load. wrk is closed-loop: at saturation the latencies include queueing behind the other connections. HTTP errors: answers 4xx/5xx (a 429 would mean a key's limit was reached).")));
        AnsiConsole.Write(table);
        if (report.Champions.SelectMany(c => c.Rows).Any(r => r.Result.Non2xx > 0))
        {
            AnsiConsole.MarkupLine(
                "[red]Some rows had HTTP errors: their requests/s count refused answers too. 429s mean the keys' limits were reached (pass more --api-keys); other errors are in the web app's log beside the database copy.[/]");
        }

        foreach (var champion in report.Champions)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{champion.Family} v{champion.VersionId}: trained in {champion.TrainSeconds:0.0} s; load average (1, 5, 15 min) before its runs {champion.LoadBefore ?? "?"}, after {champion.LoadAfter ?? "?"}; above {Environment.ProcessorCount} the figures include waiting for a core.");
        }
    }

    public static void Say(ServingPlan plan, string message)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (!plan.Json)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{DateTime.Now:HH:mm:ss} {message}[/]");
        }
    }

    private static string? Load()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Below(double value, double aim, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return value < aim ? $"[green]{text}[/]" : $"[red]{text}[/]";
    }

    private static string AtLeast(double value, double aim, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return value >= aim ? $"[green]{text}[/]" : $"[red]{text}[/]";
    }

    private static string F1(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
