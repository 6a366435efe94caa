using System.CommandLine;
using System.Globalization;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

/// <summary><c>import &lt;kind&gt; &lt;file&gt;</c>: one file into the database, with a progress bar or, with <c>--json</c>, the run's report.</summary>
public static class ImportCommand
{
    private static readonly Dictionary<string, ImportKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["customers"] = ImportKind.Customers,
        ["products"] = ImportKind.Products,
        ["orders"] = ImportKind.Orders,
        ["events"] = ImportKind.Events,
        ["online-retail"] = ImportKind.OnlineRetail,
    };

    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = $"What the file holds: {string.Join(", ", Kinds.Keys)}." };
        kind.AcceptOnlyFromAmong([.. Kinds.Keys]);
        var file = new Argument<FileInfo>("file") { Description = "A .csv or .csv.gz file." };
        file.AcceptExistingOnly();
        var measure = new Option<bool>("--measure") { Description = "Also measure the import: seconds, rows per second and the process's peak memory (use a fresh database)." };
        var command = new Command("import", "Import a CSV file: every row is accepted, flagged or rejected with a reason, and the run's report is kept.")
        {
            kind, file, measure,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var path = parse.GetValue(file)!;
            var importer = services.GetRequiredService<ImportService>();
            var importKind = Kinds[parse.GetValue(kind)!];
            var result = await CliHost.WithProgressAsync(json, $"Importing {path.Name}", update =>
            {
                var progress = new Progress<ImportProgress>(p => update($"{p.Stage} {p.RowsRead:N0} rows", p.Fraction));
                return parse.GetValue(measure)
                    ? ImportBenchmark.MeasureAsync(importer, importKind, path.FullName, progress, token)
                    : MeasureNothingAsync(importer.ImportAsync(importKind, path.FullName, path.Name, Environment.UserName, progress, token));
            });
            var report = result.Report;
            if (json)
            {
                if (parse.GetValue(measure))
                {
                    CliHost.WriteJson(result);
                }
                else
                {
                    CliHost.WriteJson(report);
                }
            }
            else
            {
                Print(report);
                if (parse.GetValue(measure))
                {
                    PrintMeasurement(result);
                }
            }

            return report.Status == ImportStatus.Failed ? 1 : 0;
        }, ct));
        return command;
    }

    private static async Task<ImportBenchmarkResult> MeasureNothingAsync(Task<ImportRunReport> import)
    {
        var report = await import;
        return new ImportBenchmarkResult(report, report.Seconds, report.RowsRead / Math.Max(report.Seconds, 1e-9), 0, 0, 0);
    }

    private static void PrintMeasurement(ImportBenchmarkResult result)
    {
        var table = new Table().AddColumns("Measure", "Value");
        table.AddRow("seconds", result.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("rows per second", result.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("working set before (MiB)", (result.WorkingSetBeforeBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture));
        table.AddRow("peak working set (MiB)", (result.PeakWorkingSetBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture));
        table.AddRow("managed heap after (MiB)", (result.ManagedHeapAfterBytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
    }

    private static void Print(ImportRunReport report)
    {
        if (report.Status == ImportStatus.Skipped)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[yellow]Skipped[/]: the same file was imported by run {report.SameFileAsRunId}; nothing changed (run {report.RunId}).");
            return;
        }

        var table = new Table().AddColumns("Rows", "Count");
        table.AddRow("read", report.RowsRead.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("accepted", report.Accepted.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("flagged (kept)", report.Flagged.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("rejected", report.Rejected.ToString("N0", CultureInfo.InvariantCulture));
        foreach (var (rule, rows) in report.Rules.OrderByDescending(r => r.Value))
        {
            table.AddRow($"  {rule}", rows.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        var color = report.Status == ImportStatus.Failed ? "red" : "green";
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[{color}]{report.Status}[/] in {report.Seconds:0.0} s (run {report.RunId}).");
        if (report.Error is { } error)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{error}");
        }
    }
}
