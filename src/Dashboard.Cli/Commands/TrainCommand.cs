using System.CommandLine;
using System.Globalization;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>dashboard train [--models a,b]</c>: the recommender training job, as the nightly schedule runs it (holdout metrics,
/// versions, the promotion policy, the champion's refit, retention), with its live progress as a bar.
/// </summary>
public static class TrainCommand
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var models = new Option<string[]>("--models")
        {
            Description = "Families to train, comma-separated (e.g. popularity,repeat,gru4rec); default: Recommendations:Models, else every registered one.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        var command = new Command("train", "Train the recommenders now: a version per family with holdout metrics; the champion changes only by the promotion policy.")
        {
            models,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var families = parse.GetValue(models) is { Length: > 0 } named ? named : null;
            var job = services.GetRequiredService<RecommenderTrainingJob>();
            var contexts = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            TrainingRun run;
            try
            {
                run = await CliHost.WithProgressAsync(json, "Training", async report =>
                {
                    var training = Task.Run(() => job.TrainAsync(families, token), token);
                    // The job writes its live fields to its run, as the Models page reads them.
                    while (!training.IsCompleted)
                    {
                        await Task.WhenAny(training, Task.Delay(PollEvery, token));
                        await using var db = await contexts.CreateDbContextAsync(token);
                        if (await db.TrainingRuns.AsNoTracking().Where(r => r.Kind == RecommenderTrainingJob.RunKind).OrderByDescending(r => r.Id)
                                .Select(r => new { r.CurrentModel, r.Progress, r.Epoch, r.Epochs }).FirstOrDefaultAsync(token) is { } live)
                        {
                            var epoch = live.Epoch is { } e ? string.Create(CultureInfo.InvariantCulture, $", epoch {e}/{live.Epochs}") : "";
                            report($"{live.CurrentModel ?? "reading purchases"}{epoch}", live.Progress);
                        }
                    }

                    return await training;
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"error: training failed: {ex.Message}");
                return 1;
            }

            if (json)
            {
                CliHost.WriteJson(new { run.Id, status = run.Status.ToString(), run.StartedAt, run.FinishedAt, run.Error, log = run.Log?.Split('\n') });
            }
            else
            {
                var colour = run.Status == RunStatus.Succeeded ? "green" : "red";
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[{colour}]Training run {run.Id} {run.Status}[/]{(run.Error is null ? "" : ": " + run.Error)}");
                AnsiConsole.WriteLine(run.Log ?? "");
            }

            return run.Status == RunStatus.Succeeded ? 0 : 1;
        }, ct));
        return command;
    }
}
