using System.Globalization;
using System.CommandLine;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

public static class RunPipelineCommand
{
    public static Command Create()
    {
        var command = new Command("run-pipeline", "Run the nightly pipeline now (profiles, model training, campaign evaluation).");
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var job = services.GetRequiredService<PipelineJob>();
            PipelineRun? run = null;
            try
            {
                run = await CliHost.WithProgressAsync(json, "Pipeline", report =>
                    job.RunAsync("cli", new Progress<PipelineProgress>(p => report(p.Stage, p.Fraction)), token));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"error: the pipeline failed: {ex.Message}");
                return 1;
            }

            if (json)
            {
                CliHost.WriteJson(new { run.Id, status = run.Status.ToString(), run.StartedAt, run.FinishedAt, seconds = run.Duration?.TotalSeconds, log = run.Log?.Split('\n') });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Pipeline run {run.Id} {run.Status}[/] in {run.Duration?.TotalSeconds:0.0} s");
                AnsiConsole.WriteLine(run.Log ?? "");
            }

            return run.Status == RunStatus.Succeeded ? 0 : 1;
        }, ct));
        return command;
    }
}
