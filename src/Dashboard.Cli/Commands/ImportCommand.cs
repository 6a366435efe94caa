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
        var command = new Command("import", "Import a CSV file: every row is accepted, flagged or rejected with a reason, and the run's report is kept.")
        {
            kind, file,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var path = parse.GetValue(file)!;
            var importer = services.GetRequiredService<ImportService>();
            var report = await CliHost.WithProgressAsync(json, $"Importing {path.Name}", update =>
                importer.ImportAsync(Kinds[parse.GetValue(kind)!], path.FullName, path.Name, Environment.UserName,
                    new Progress<ImportProgress>(p => update($"{p.RowsRead:N0} rows", p.Fraction)), token));

            if (json)
            {
                CliHost.WriteJson(report);
            }
            else
            {
                Print(report);
            }

            return report.Status == ImportStatus.Failed ? 1 : 0;
        }, ct));
        return command;
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
