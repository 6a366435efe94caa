using System.CommandLine;
using System.Globalization;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>evaluate</c>: fits every registered recommender (or those named by <c>--models</c>) on the purchases before a
/// cut-off and ranks the whole catalogue for each customer who bought again after it; prints the models side by side,
/// or with <c>--json</c> the same as JSON (<see cref="EvaluationSummary"/>).
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var cutoff = new Option<DateTime?>("--cutoff")
        {
            Description = "Train on purchases before this day (UTC, yyyy-MM-dd); default: the start of the last --held-out-days days of data.",
        };
        var heldOutDays = new Option<int?>("--held-out-days")
        {
            Description = $"Days after the cut-off in which a test customer's next order is looked for; default {TemporalSplitLoader.DefaultHeldOutDays}, or up to the newest purchase when --cutoff is given.",
        };
        var models = new Option<string[]>("--models")
        {
            Description = "Models to evaluate, comma-separated (e.g. popularity,repeat); default: every registered model.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        };
        var seed = new Option<int>("--seed")
        {
            Description = "The training seed (sequence models' initial weights, sampling and validation customers); run several to see the spread.",
            DefaultValueFactory = _ => 42,
        };
        var command = new Command("evaluate", "Offline evaluation of the recommenders on a temporal split: HR@10, NDCG@10, MRR@10, Recall@20, coverage, repeat and new slices.")
        {
            cutoff, heldOutDays, models, seed,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            var catalog = services.GetRequiredService<RecommenderCatalog>();
            var chosen = parse.GetValue(models) is { Length: > 0 } named ? named : null;
            var names = chosen ?? [.. catalog.Names];
            // Checked before the data is read, so that a misspelt name or a model that cannot run fails at once. Every
            // model by default skips those that cannot run here (e.g. no libtorch) and says so; naming one is an error.
            var unavailable = names.Select(n => (Name: n, Reason: catalog.UnavailableReason(n))).Where(n => n.Reason is not null).ToList();
            if (chosen is not null && unavailable.Count > 0)
            {
                throw new ArgumentException($"{unavailable[0].Name} cannot run here: {unavailable[0].Reason}");
            }

            foreach (var (name, reason) in unavailable)
            {
                await Console.Error.WriteLineAsync($"skipped {name}: {reason}");
            }

            var recommenders = names.Except(unavailable.Select(n => n.Name)).Select(catalog.Create).ToList();

            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var loader = services.GetRequiredService<TemporalSplitLoader>();
            var report = await CliHost.WithProgressAsync(json, "Evaluating", async progress =>
            {
                progress("reading purchases", 0);
                var split = await loader.LoadAsync(parse.GetValue(cutoff), parse.GetValue(heldOutDays), parse.GetValue(seed), token);
                var evaluation = new Progress<EvaluationProgress>(p => progress(p.Stage, p.Fraction));
                return await Task.Run(() => OfflineEvaluator.Evaluate(split, recommenders, evaluation, token), token);
            });

            if (json)
            {
                CliHost.WriteJson(EvaluationSummary.From(report));
            }
            else
            {
                Print(report);
            }

            return 0;
        }, ct));
        return command;
    }

    private static void Print(EvaluationReport report)
    {
        var s = report.Split;
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[bold]Cut-off {s.Cutoff:yyyy-MM-dd}[/], next order looked for until {s.HeldOutUntil:yyyy-MM-dd}.");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Training: {s.TrainCustomers:N0} customers, {s.TrainItems:N0} items (the catalogue), {s.TrainInteractions:N0} order lines in {s.TrainBaskets:N0} orders.");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Test: {s.TestCustomers:N0} customers ({s.TestCustomersWithCatalogueTargets:N0} with a target in the catalogue); their first orders after the cut-off hold {s.Targets:N0} items, {s.TargetsOutsideCatalogue:N0} outside the catalogue (misses for every model).");

        var table = new Table().AddColumns("Model", "HR@10", "NDCG@10", "MRR@10", "Recall@20", "Coverage", "NDCG@10 repeat", "NDCG@10 new", "train s");
        for (var column = 1; column < table.Columns.Count; column++)
        {
            table.Columns[column].RightAligned();
        }

        var best = Best(report.Models);
        foreach (var model in report.Models)
        {
            var m = model.Metrics;
            table.AddRow(
                Markup.Escape(model.Name),
                Cell(m.HitRate10, best.HitRate10),
                Cell(m.Ndcg10, best.Ndcg10),
                Cell(m.Mrr10, best.Mrr10),
                Cell(m.Recall20, best.Recall20),
                Cell(m.Coverage10, best.Coverage10),
                Cell(m.Repeat.Ndcg10, best.Repeat.Ndcg10),
                Cell(m.New.Ndcg10, best.New.Ndcg10),
                model.TrainSeconds.ToString("0.00", CultureInfo.InvariantCulture));
        }

        table.Caption(string.Create(CultureInfo.InvariantCulture,
            $"Means over {s.TestCustomers:N0} test customers, full ranking over {s.TrainItems:N0} items, already-bought items allowed. Repeat slice: {s.RepeatCustomers:N0} customers with a target bought before; new slice: {s.NewCustomers:N0} with a target new to them. Best in bold."));
        AnsiConsole.Write(table);
    }

    private static ModelMetrics Best(IReadOnlyList<ModelEvaluation> models)
    {
        var all = models.Select(m => m.Metrics).ToList();
        return new ModelMetrics(
            0, all.Max(m => m.HitRate10), all.Max(m => m.Ndcg10), all.Max(m => m.Mrr10), all.Max(m => m.Recall20), all.Max(m => m.Coverage10),
            new SliceMetrics(0, 0, all.Max(m => m.Repeat.Ndcg10)), new SliceMetrics(0, 0, all.Max(m => m.New.Ndcg10)));
    }

    private static string Cell(double value, double best)
    {
        var text = value.ToString("0.000", CultureInfo.InvariantCulture);
        return value == best ? $"[bold]{text}[/]" : text;
    }
}
