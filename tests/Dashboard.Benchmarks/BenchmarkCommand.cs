using System.CommandLine;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dashboard.Core.Demo;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Spectre.Console;

namespace Dashboard.Benchmarks;

/// <summary>Everything measured on one database, and the machine's load averages (1, 5, 15 minutes) before and after.</summary>
public sealed record DatabaseReport(
    string Name,
    string Path,
    DataCounts Data,
    ProfileStageResult? Profile,
    IReadOnlyList<QueryTiming> Queries,
    CampaignBenchmarkResult? Campaign,
    string? LoadBefore,
    string? LoadAfter);

/// <summary>
/// <c>dotnet run -c Release --project tests/Dashboard.Benchmarks -- [options]</c>: makes (or reuses) a demo database,
/// then on it and on any <c>--other-db</c> measures the profile stage (time, peak memory), the customer list's server
/// time, the campaign audience count and the promo-list launch, and prints tables against the aims: the profile stage
/// under 60 s, list pages under 200 ms, an audience count under 300 ms, a 100,000-member promo list under 60 s.
/// </summary>
public static class BenchmarkCommand
{
    public const double ProfileAimSeconds = 60;
    public const double ListAimMs = 200;
    public const double AudienceCountAimMs = 300;
    public const double PromoListAimSeconds = 60;
    public const double ReportAimMs = 1000;

    private static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static RootCommand Create()
    {
        var db = new Option<FileInfo?>("--db")
        {
            Description = "The demo database file. Default: a file named after the options in the temp folder's dashboard-bench/.",
        };
        var reuse = new Option<bool>("--reuse") { Description = "Use the demo database file as it is when it exists (it is generated only when missing)." };
        var customers = new Option<int>("--customers") { Description = "Demo customers.", DefaultValueFactory = _ => DemoDataSet.DefaultCustomers };
        var days = new Option<int>("--days")
        {
            Description = "Days of demo history (about 50 events per customer at the default 143, so 5 million at 100,000 customers).",
            DefaultValueFactory = _ => DemoDataSet.DefaultDays,
        };
        var products = new Option<int>("--products") { Description = "Demo products.", DefaultValueFactory = _ => 600 };
        var seed = new Option<int>("--seed") { Description = "Demo seed.", DefaultValueFactory = _ => 42 };
        var endDate = new Option<DateTime>("--end-date")
        {
            Description = "Last simulated day (yyyy-MM-dd), fixed so that the same options make the same database.",
            DefaultValueFactory = _ => DemoDataSet.DefaultEndDate,
        };
        var skipDemo = new Option<bool>("--skip-demo") { Description = "Do not make or measure the demo database (measure only --other-db files)." };
        var others = new Option<FileInfo[]>("--other-db")
        {
            Description = "Another existing database to measure as well, e.g. one with the Online Retail data imported (repeatable). It is migrated first, and its profiles are recomputed.",
        };
        others.AcceptExistingOnly();
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs of each list request first.", DefaultValueFactory = _ => 3 };
        var runs = new Option<int>("--runs") { Description = "Timed runs of each list request (median and p95 are over these).", DefaultValueFactory = _ => 20 };
        var profileRuns = new Option<int>("--profile-runs")
        {
            Description = "Runs of the profile stage: the first is a fresh process's (loading, compiling), the next ones a warm worker's.",
            DefaultValueFactory = _ => 2,
        };
        var skipProfile = new Option<bool>("--skip-profile") { Description = "Do not run the profile stage (the list then shows the profiles already stored)." };
        var skipList = new Option<bool>("--skip-list") { Description = "Do not time the customer list." };
        var skipCampaign = new Option<bool>("--skip-campaign") { Description = "Do not time the audience counts and the promo-list launch." };
        var reportMembers = new Option<int?>("--report")
        {
            Description = "Also time the A/B report of a campaign with this many members (e.g. 1000000), on a database made for it in the temp folder's dashboard-bench/ (made once, then reused).",
        };
        var training = new Option<FileInfo>("--training")
        {
            Description = "Also fit the sequence models once on this database's temporal split (e.g. the Online Retail import) and print seconds per epoch and peak memory.",
        };
        training.AcceptExistingOnly();
        var trainingCutoff = new Option<DateTime?>("--training-cutoff") { Description = "The split's cut-off (yyyy-MM-dd) for --training; default: the last 60 days held out." };
        var trainingModels = new Option<string[]>("--training-models")
        {
            Description = "The families --training fits, one after another in this process.",
            DefaultValueFactory = _ => ["gru4rec", "sasrec"],
            AllowMultipleArgumentsPerToken = true,
        };
        var sql = new Option<bool>("--sql") { Description = "Also print the SQL each list request runs and where the profile stage spends its database time (from extra, untimed runs)." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of tables and progress bars." };

        var root = new RootCommand("Measures the profile stage (time, peak memory) and the customer list's server time on SQLite, on a generated demo shop and on other databases; with --serving, load-tests the recommendation API instead.")
        {
            db, reuse, customers, days, products, seed, endDate, skipDemo, others, warmup, runs, profileRuns, skipProfile, skipList, skipCampaign, reportMembers,
            training, trainingCutoff, trainingModels, sql, json,
        };
        var serving = new ServingCommand();
        serving.AddTo(root);
        root.SetAction(async (parse, ct) =>
        {
            var asJson = parse.GetValue(json);
            if (parse.GetValue(serving.Serving))
            {
                if (!asJson)
                {
                    if (Console.IsOutputRedirected)
                    {
                        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
                    }

                    PrintMachine();
                }

                // The serving mode's demo shop is the web app's own size unless --customers says otherwise.
                var servingDemo = parse.GetValue(skipDemo) ? null : new DemoOptions
                {
                    Customers = parse.GetResult(customers) is { Implicit: false } ? parse.GetValue(customers) : ServingCommand.DefaultCustomers,
                    Products = parse.GetValue(products),
                    Days = parse.GetValue(days),
                    Seed = parse.GetValue(seed),
                    EndDate = DateTime.SpecifyKind(parse.GetValue(endDate).Date, DateTimeKind.Utc),
                };
                var servingFile = servingDemo is null ? null : parse.GetValue(db) ?? DemoDataSet.DefaultFile(servingDemo);
                return await serving.RunAsync(parse, servingDemo, servingFile, parse.GetValue(others) ?? [], asJson, ct);
            }

            if (parse.GetValue(runs) < 1 || parse.GetValue(warmup) < 0 || parse.GetValue(profileRuns) < 1)
            {
                await Console.Error.WriteLineAsync("error: --runs and --profile-runs must be at least 1, --warmup at least 0.");
                return 2;
            }

            var options = new DemoOptions
            {
                Customers = parse.GetValue(customers),
                Products = parse.GetValue(products),
                Days = parse.GetValue(days),
                Seed = parse.GetValue(seed),
                EndDate = DateTime.SpecifyKind(parse.GetValue(endDate).Date, DateTimeKind.Utc),
            };
            var plan = new Plan(parse.GetValue(warmup), parse.GetValue(runs), parse.GetValue(profileRuns), !parse.GetValue(skipProfile), !parse.GetValue(skipList), !parse.GetValue(skipCampaign), parse.GetValue(sql), asJson);
            if (!asJson)
            {
                if (Console.IsOutputRedirected)
                {
                    // A log file is not a terminal: keep the tables on one line per row.
                    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
                }

                PrintMachine();
            }

            var reports = new List<DatabaseReport>();
            ReportBenchmarkResult? report = null;
            TrainingBenchmarkResult? fits = null;
            try
            {
                if (!parse.GetValue(skipDemo))
                {
                    options.Validate();
                    var file = parse.GetValue(db) ?? DemoDataSet.DefaultFile(options);
                    if (file.Exists && !parse.GetValue(reuse))
                    {
                        await Console.Error.WriteLineAsync($"error: {file.FullName} exists. Pass --reuse to measure it as it is, or delete it to generate it again.");
                        return 2;
                    }

                    reports.Add(await MeasureAsync("demo", file, options, plan, ct));
                }

                foreach (var other in parse.GetValue(others) ?? [])
                {
                    reports.Add(await MeasureAsync(Path.GetFileNameWithoutExtension(other.Name), other, null, plan, ct));
                }

                if (parse.GetValue(reportMembers) is { } members)
                {
                    report = await MeasureReportAsync(members, plan, ct);
                }

                if (parse.GetValue(training) is { } trainingDb)
                {
                    fits = await TrainingBenchmark.MeasureAsync(trainingDb, parse.GetValue(trainingCutoff), parse.GetValue(trainingModels)!, plan.Json, ct);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }

            if (asJson)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(
                    new { aims = new { profileSeconds = ProfileAimSeconds, listMs = ListAimMs, audienceCountMs = AudienceCountAimMs, promoListSeconds = PromoListAimSeconds, reportMs = ReportAimMs }, databases = reports, report, training = fits },
                    JsonOutput));
            }
            else
            {
                PrintVerdict(reports);
            }

            return 0;
        });
        return root;
    }

    private static async Task<DatabaseReport> MeasureAsync(string name, FileInfo file, DemoOptions? generate, Plan plan, CancellationToken ct)
    {
        Directory.CreateDirectory(file.DirectoryName!);
        string origin;
        double? generatedSeconds = null;
        await using (var setup = new BenchmarkHost(file))
        {
            if (generate is not null && !file.Exists)
            {
                generatedSeconds = await WithProgressAsync(plan.Json, $"Generating {generate.Customers:N0} customers", report =>
                    DemoDataSet.GenerateAsync(setup, generate, report, ct));
                origin = string.Create(CultureInfo.InvariantCulture, $"generated ({generate.Customers} customers, {generate.Days} days, seed {generate.Seed}, ending {generate.EndDate:yyyy-MM-dd})");
            }
            else
            {
                await setup.Get<DatabaseMigrator>().MigrateAsync(ct);
                await DemoDataSet.CheckpointAsync(setup, ct);
                origin = "existing file";
            }
        }

        // A fresh host (and connection pool) for the measurements, as a web or worker process would have.
        await using var host = new BenchmarkHost(new FileInfo(file.FullName));
        var loadBefore = LoadAverage();
        var data = await DataCounts.CountAsync(host, origin, generatedSeconds, ct);
        if (!plan.Json)
        {
            PrintData(name, file, data);
        }

        ProfileStageResult? profile = null;
        if (plan.Profile)
        {
            profile = await WithProgressAsync(plan.Json, "Profile stage", report => ProfileStageBenchmark.RunAsync(host, plan.ProfileRuns, report, ct));
            if (!plan.Json)
            {
                PrintProfile(profile);
            }

            if (plan.Sql && !plan.Json)
            {
                var log = new SqlLog();
                await using var logged = new BenchmarkHost(new FileInfo(file.FullName), log);
                var stopwatch = System.Diagnostics.Stopwatch.StartNew();
                await logged.Get<Core.Profiles.ProfileBuilder>().BuildAsync(null, ct);
                PrintSqlSummary(FormattableString.Invariant($"SQL of one more profile run ({stopwatch.Elapsed.TotalSeconds:0.0} s with logging)"), log.Drain());
            }
        }

        IReadOnlyList<QueryTiming> queries = [];
        if (plan.List)
        {
            queries = await WithProgressAsync(plan.Json, "Customer list", report => CustomerListBenchmark.RunAsync(host, plan.Warmup, plan.Runs, report, ct));
            if (!plan.Json)
            {
                PrintQueries(queries, plan);
            }

            if (plan.Sql && !plan.Json)
            {
                var log = new SqlLog();
                await using var logged = new BenchmarkHost(new FileInfo(file.FullName), log);
                foreach (var (request, statements) in await CustomerListBenchmark.SqlAsync(logged, log, ct))
                {
                    AnsiConsole.Write(new Rule(Markup.Escape($"SQL: {request}")).LeftJustified());
                    foreach (var statement in statements)
                    {
                        AnsiConsole.WriteLine(statement);
                    }
                }
            }
        }

        CampaignBenchmarkResult? campaign = null;
        if (plan.Campaign)
        {
            campaign = await WithProgressAsync(plan.Json, "Campaigns", report => CampaignBenchmark.RunAsync(host, plan.Warmup, plan.Runs, report, ct));
            if (!plan.Json)
            {
                PrintCampaign(campaign, plan);
            }
        }

        var loadAfter = LoadAverage();
        if (!plan.Json && loadBefore is not null)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Load average (1, 5, 15 min) before: {loadBefore}, after: {loadAfter}; above {Environment.ProcessorCount} the timings include waiting for a core.");
        }

        return new DatabaseReport(name, file.FullName, data, profile, queries, campaign, loadBefore, loadAfter);
    }

    private static async Task<ReportBenchmarkResult> MeasureReportAsync(int members, Plan plan, CancellationToken ct)
    {
        var file = ReportDataSet.DefaultFile(members);
        Directory.CreateDirectory(file.DirectoryName!);
        ReportData data;
        await using (var setup = new BenchmarkHost(file))
        {
            data = await WithProgressAsync(plan.Json, $"Report data ({members:N0} members)", report => ReportDataSet.EnsureAsync(setup, members, report, ct));
        }

        await using var host = new BenchmarkHost(new FileInfo(file.FullName));
        var result = await WithProgressAsync(plan.Json, "A/B report", report => ReportBenchmark.RunAsync(host, data, plan.Warmup, plan.Runs, report, ct));
        if (!plan.Json)
        {
            var table = new Table().Title(Markup.Escape($"A/B report server time (CampaignAnalysis.GetAsync: sums in SQL, then the statistics), ms over {plan.Runs} runs after {plan.Warmup} warm-up"))
                .AddColumns("Campaign", "Members", "Exposures", "Conversions", "Median", "p95", "Max");
            foreach (var column in table.Columns.Skip(1))
            {
                column.RightAligned();
            }

            table.AddRow(
                Markup.Escape(file.Name), N0(data.Members), N0(data.Exposures), N0(data.Conversions),
                result.Timings.MedianMs.ToString("0.0", CultureInfo.InvariantCulture),
                Verdict(result.Timings.P95Ms, ReportAimMs, "0.0"),
                result.Timings.MaxMs.ToString("0.0", CultureInfo.InvariantCulture));
            table.Caption(Markup.Escape(data.GeneratedSeconds is { } s
                ? FormattableString.Invariant($"Aim: under {ReportAimMs:0} ms (p95). The data was generated in {s:0} s.")
                : FormattableString.Invariant($"Aim: under {ReportAimMs:0} ms (p95).")));
            AnsiConsole.Write(table);
            var parts = new Table().Title("Each aggregation query alone (ms, one run)").AddColumns("Query", "ms");
            parts.Columns[1].RightAligned();
            foreach (var (query, ms) in result.Queries)
            {
                parts.AddRow(Markup.Escape(query), ms.ToString("0", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(parts);
        }

        return result;
    }

    internal static async Task<T> WithProgressAsync<T>(bool json, string title, Func<Action<string, double>, Task<T>> work)
    {
        if (json)
        {
            return await work((_, _) => { });
        }

        if (Console.IsOutputRedirected)
        {
            // A log has no progress bar: a line per tenth instead, so a long generation shows that it moves.
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var printed = -1;
            return await work((stage, fraction) =>
            {
                var tenth = (int)(Math.Clamp(fraction, 0, 1) * 10);
                if (Interlocked.Exchange(ref printed, Math.Max(printed, tenth)) < tenth)
                {
                    Console.Out.WriteLine(FormattableString.Invariant($"{title}: {stage} {tenth * 10}% ({stopwatch.Elapsed.TotalSeconds:0} s)"));
                }
            });
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                var result = await work((stage, fraction) =>
                {
                    task.Description = Markup.Escape($"{title}: {stage}");
                    task.Value = Math.Clamp(fraction, 0, 1);
                });
                task.Value = 1;
                return result;
            });
    }

    /// <summary>The 1, 5 and 15 minute load averages where the system tells them (Linux), else null.</summary>
    private static string? LoadAverage()
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

    private static void PrintMachine()
    {
        var gc = GCSettings.IsServerGC ? "server" : "workstation";
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[bold]Dashboard benchmarks[/]: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:0.0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {gc} GC, {BuildConfiguration}, SQLite");
#if DEBUG
        AnsiConsole.MarkupLine("[yellow]Debug build: run with -c Release for figures worth recording.[/]");
#endif
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static void PrintData(string name, FileInfo file, DataCounts data)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule(Markup.Escape($"{name}: {file.FullName}")).LeftJustified());
        var table = new Table().AddColumns("Data", "Count");
        table.Columns[1].RightAligned();
        table.AddRow("customers", N0(data.Customers));
        table.AddRow("products", N0(data.Products));
        table.AddRow("orders (purchases)", N0(data.Purchases));
        table.AddRow("returns", N0(data.Returns));
        table.AddRow("order lines", N0(data.OrderLines));
        table.AddRow("events", N0(data.Events));
        table.AddRow("file (MiB)", N0(data.FileMiB));
        table.AddRow("origin", Markup.Escape(data.Origin));
        if (data.GeneratedSeconds is { } seconds)
        {
            table.AddRow("generated in (s)", seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static void PrintProfile(ProfileStageResult p)
    {
        var table = new Table().Title("Profile stage (ProfileBuilder.BuildAsync with the k-means clusterer)").AddColumn("Profile stage");
        for (var i = 0; i < p.Runs.Count; i++)
        {
            table.AddColumn(new TableColumn(i == 0 ? "first run" : FormattableString.Invariant($"run {i + 1}")).RightAligned());
        }

        void Row(string name, Func<StageMeasurement, string> value) => table.AddRow([name, .. p.Runs.Select(value)]);
        void Once(string name, string value) => table.AddRow([name, value, .. p.Runs.Skip(1).Select(_ => "")]);

        Once("customers / buyers", $"{N0(p.Customers)} / {N0(p.Buyers)}");
        Once("reference date", p.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Once("clusters (k)", N0(p.Clusters));
        Row("[bold]seconds[/]", m => Verdict(m.Seconds, ProfileAimSeconds, "0.0"));
        Once("  preprocessing alone (s)", p.Preprocessing.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        Once("  clustering alone (s)", p.Clustering?.Seconds.ToString("0.0", CultureInfo.InvariantCulture) ?? "-");
        Row("  the rest: writing profiles, segments (s)", m => p.RestSeconds(m).ToString("0.0", CultureInfo.InvariantCulture));
        Row("working set before (MiB)", m => N0(StageMeasurementMib(m.WorkingSetBeforeBytes)));
        Row("[bold]peak working set (MiB)[/]", m => N0(StageMeasurementMib(m.PeakWorkingSetBytes)));
        Row("  growth during the run (MiB)", m => N0(StageMeasurementMib(m.PeakWorkingSetBytes - m.WorkingSetBeforeBytes)));
        Row("peak managed heap (MiB)", m => N0(StageMeasurementMib(m.PeakManagedHeapBytes)));
        Row("allocated (MiB)", m => N0(StageMeasurementMib(m.AllocatedBytes)));
        Once("  preprocessing alone (MiB)", N0(StageMeasurementMib(p.Preprocessing.AllocatedBytes)));
        Once("  clustering alone (MiB)", p.Clustering is { } c ? N0(StageMeasurementMib(c.AllocatedBytes)) : "-");
        Row("  the rest (MiB)", m => N0(StageMeasurementMib(p.RestAllocatedBytes(m))));
        table.Caption(Markup.Escape($"Peak working set: {p.Runs[0].PeakSource}; each run starts from a settled heap. The parts are measured again on their own after the runs (warm)."));
        AnsiConsole.Write(table);
    }

    private static void PrintQueries(IReadOnlyList<QueryTiming> queries, Plan plan)
    {
        var table = new Table()
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Customer list server time (CustomerListService.SearchAsync, {CustomerListBenchmark.PageSize} rows), ms over {plan.Runs} runs after {plan.Warmup} warm-up")))
            .AddColumns("Request", "Matches", "Median", "p95", "Max", "Parameters");
        foreach (var column in table.Columns.Skip(1).Take(4))
        {
            column.RightAligned();
        }

        foreach (var q in queries)
        {
            table.AddRow(
                Markup.Escape(q.Name),
                N0(q.Matches),
                q.Timings.MedianMs.ToString("0.0", CultureInfo.InvariantCulture),
                Verdict(q.Timings.P95Ms, ListAimMs, "0.0"),
                q.Timings.MaxMs.ToString("0.0", CultureInfo.InvariantCulture),
                Markup.Escape(q.Request));
        }

        table.Caption(Markup.Escape($"Aim: under {ListAimMs:0} ms (judged on p95; red misses it)."));
        AnsiConsole.Write(table);
    }

    private static void PrintCampaign(CampaignBenchmarkResult campaign, Plan plan)
    {
        var counts = new Table()
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Audience estimate while editing (AudienceEstimator: count, expected revenue, contact cost; e-mail channel), ms over {plan.Runs} runs after {plan.Warmup} warm-up")))
            .AddColumns("Rules", "Members", "Median", "p95", "Max");
        foreach (var column in counts.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var q in campaign.AudienceCounts)
        {
            counts.AddRow(
                Markup.Escape(q.Name),
                N0(q.Matches),
                q.Timings.MedianMs.ToString("0.0", CultureInfo.InvariantCulture),
                Verdict(q.Timings.P95Ms, AudienceCountAimMs, "0.0"),
                q.Timings.MaxMs.ToString("0.0", CultureInfo.InvariantCulture));
        }

        counts.Caption(Markup.Escape($"Aim: under {AudienceCountAimMs:0} ms (judged on p95)."));
        AnsiConsole.Write(counts);

        var run = campaign.PromoList;
        var launch = new Table().Title($"Promo-list launch (CampaignLaunchJob), everyone, top {run.ProductsPerMember}").AddColumns("Launch", "Value");
        launch.Columns[1].RightAligned();
        launch.AddRow("members", N0(run.Members));
        foreach (var (variant, members) in run.MembersPerVariant)
        {
            launch.AddRow(Markup.Escape($"  {variant}"), N0(members));
        }

        launch.AddRow("offered products written", N0(run.Items));
        launch.AddRow("[bold]seconds[/]", Verdict(run.Measurement.Seconds, PromoListAimSeconds, "0.0"));
        launch.AddRow("[bold]peak working set (MiB)[/]", N0(StageMeasurementMib(run.Measurement.PeakWorkingSetBytes)));
        launch.AddRow("  growth during the run (MiB)", N0(StageMeasurementMib(run.Measurement.PeakWorkingSetBytes - run.Measurement.WorkingSetBeforeBytes)));
        launch.AddRow("allocated (MiB)", N0(StageMeasurementMib(run.Measurement.AllocatedBytes)));
        launch.Caption(Markup.Escape($"Aim: under {PromoListAimSeconds:0} s. The benchmark campaign is deleted afterwards."));
        AnsiConsole.Write(launch);
    }

    private static void PrintSqlSummary(string title, IReadOnlyList<string> commands)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("Statement", "Runs", "Database ms");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        var summary = SqlLog.Summarize(commands);
        foreach (var (statement, count, ms) in summary.Take(12))
        {
            table.AddRow(Markup.Escape(statement), N0(count), N0(ms));
        }

        table.Caption(Markup.Escape(FormattableString.Invariant($"{commands.Count:N0} statements, {summary.Sum(s => s.Milliseconds):N0} ms in the database in all (EF Core's timing).")));
        AnsiConsole.Write(table);
    }

    private static void PrintVerdict(List<DatabaseReport> reports)
    {
        if (reports.Count == 0)
        {
            return;
        }

        AnsiConsole.WriteLine();
        var table = new Table().Title("Aims").AddColumns(
            "Database", "Customers", "Events", "Profile stage, slowest run (s)", "Peak working set (MiB)", "Slowest list request (p95 ms)", "Slowest audience count (p95 ms)", "Promo list (s)");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var r in reports)
        {
            var slowest = r.Queries.MaxBy(q => q.Timings.P95Ms);
            table.AddRow(
                Markup.Escape(r.Name),
                N0(r.Data.Customers),
                N0(r.Data.Events),
                r.Profile is { } p ? Verdict(p.Slowest.Seconds, ProfileAimSeconds, "0.0") : "-",
                r.Profile is { } q ? N0(StageMeasurementMib(q.Runs.Max(m => m.PeakWorkingSetBytes))) : "-",
                slowest is null ? "-" : $"{Verdict(slowest.Timings.P95Ms, ListAimMs, "0.0")} ({Markup.Escape(slowest.Name)})",
                r.Campaign?.AudienceCounts.MaxBy(q => q.Timings.P95Ms) is { } count ? $"{Verdict(count.Timings.P95Ms, AudienceCountAimMs, "0.0")} ({Markup.Escape(count.Name)})" : "-",
                r.Campaign is { } c ? Verdict(c.PromoList.Measurement.Seconds, PromoListAimSeconds, "0.0") : "-");
        }

        table.Caption(Markup.Escape($"Aims: profile stage under {ProfileAimSeconds:0} s, list pages under {ListAimMs:0} ms server time, audience counts under {AudienceCountAimMs:0} ms, the promo list under {PromoListAimSeconds:0} s."));
        AnsiConsole.Write(table);
    }

    private static string Verdict(double value, double aim, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return value < aim ? $"[green]{text}[/]" : $"[red]{text}[/]";
    }

    private static double StageMeasurementMib(long bytes) => StageMeasurement.Mib(bytes);

    private static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record Plan(int Warmup, int Runs, int ProfileRuns, bool Profile, bool List, bool Campaign, bool Sql, bool Json);
}
