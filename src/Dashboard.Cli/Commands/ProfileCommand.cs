using System.CommandLine;
using System.Globalization;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Profiles;
using Dashboard.Core.Profiles.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>profile</c>: only the pipeline's profiling stage (RFM, segments, behavioural clusters), with a progress bar and a
/// summary, or with <c>--json</c> the same as JSON; <c>--measure</c> adds wall time and memory.
/// </summary>
public static class ProfileCommand
{
    public static Command Create()
    {
        var measure = new Option<bool>("--measure")
        {
            Description = "Also measure the stage: seconds, the working set before and at its peak, the managed heap.",
        };
        var command = new Command("profile", "Recompute every customer's profile, the RFM segments and the behavioural clusters (the pipeline's profile stage only).")
        {
            measure,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var builder = services.GetRequiredService<ProfileBuilder>();
            var (result, measurement) = await CliHost.WithProgressAsync(json, "Profiles", async report =>
            {
                var progress = new Progress<double>(f => report(f < 0.3 ? "features" : f < 0.9 ? "clusters, profiles" : "segments", f));
                if (!parse.GetValue(measure))
                {
                    return (await builder.BuildAsync(progress, token), (StageMeasurement?)null);
                }

                var (built, measured) = await StageMeter.MeasureAsync(() => builder.BuildAsync(progress, token));
                return (built, (StageMeasurement?)measured);
            });

            if (json)
            {
                CliHost.WriteJson(ProfileSummary.From(result, measurement));
            }
            else
            {
                Print(result);
                if (measurement is not null)
                {
                    PrintMeasurement(measurement);
                }
            }

            return 0;
        }, ct));
        return command;
    }

    private static void Print(ProfileBuildResult result)
    {
        var summary = new Table().AddColumns("Profiles", "Value");
        summary.AddRow("customers", result.Customers.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("buyers", result.Buyers.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("reference date", result.ReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        AnsiConsole.Write(summary);

        var segments = new Table().AddColumns("RFM segment", "Customers");
        segments.Columns[1].RightAligned();
        foreach (var (name, size) in result.SegmentSizes.OrderByDescending(s => s.Value))
        {
            segments.AddRow(Markup.Escape(name), size.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(segments);

        switch (result.Clusters)
        {
            case null:
                AnsiConsole.MarkupLine("Clusters: [yellow]not available[/] (no clusterer registered).");
                break;
            case { K: 0 }:
                AnsiConsole.MarkupLine("Clusters: [yellow]too few buyers to cluster[/].");
                break;
            case var clusters:
                var table = new Table().AddColumns("Cluster", "Buyers", "Description");
                table.Columns[1].RightAligned();
                foreach (var cluster in clusters.Clusters)
                {
                    table.AddRow(Markup.Escape(ClusterSegments.Name(cluster)), cluster.Size.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(cluster.Sentence));
                }

                AnsiConsole.Write(table);
                var candidates = string.Join(", ", clusters.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.K}: {c.Score:0.000}")));
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"k = {clusters.K} by {clusters.Criterion} ({candidates}).");
                break;
        }

        PrintScores(result.Scores ?? []);
    }

    /// <summary>Each score's held-out metrics next to its baseline's, and whether it beats it (the UI flags those that do not).</summary>
    private static void PrintScores(IReadOnlyList<ScoreOutcome> scores)
    {
        var table = new Table().AddColumns("Score", "Version", "Held out", "Metric", "Model", "Baseline", "Verdict");
        foreach (var score in scores)
        {
            if (score.Evaluation is not { } evaluation)
            {
                table.AddRow(Markup.Escape(score.Definition.Title), "-", "-", "-", "-", "-", $"[yellow]not scored[/]: {Markup.Escape(score.SkippedBecause ?? "")}");
                continue;
            }

            foreach (var (metric, i) in evaluation.Metrics.Select((m, i) => (m, i)))
            {
                table.AddRow(
                    i == 0 ? Markup.Escape(score.Definition.Title) : "",
                    i == 0 ? $"v{score.Version!.Id}" : "",
                    i == 0 ? string.Create(CultureInfo.InvariantCulture, $"{evaluation.HoldoutCutoff:yyyy-MM-dd}, {evaluation.HoldoutRows:N0} buyers") : "",
                    Markup.Escape(metric.Name + (metric.IsPrimary ? " *" : "")),
                    metric.Model.ToString("0.000", CultureInfo.InvariantCulture),
                    metric.Baseline.ToString("0.000", CultureInfo.InvariantCulture),
                    i == 0 ? (evaluation.BeatsBaseline ? "[green]beats baseline[/]" : "[yellow]does not beat baseline[/]") : "");
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("* decides whether the model beats its baseline.");
    }

    private static void PrintMeasurement(StageMeasurement m)
    {
        var table = new Table().AddColumns("Measure", "Value");
        table.Columns[1].RightAligned();
        table.AddRow("seconds", m.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        table.AddRow("working set before (MiB)", Mib(m.WorkingSetBeforeBytes));
        table.AddRow("peak working set (MiB)", Mib(m.PeakWorkingSetBytes));
        table.AddRow("peak managed heap (MiB)", Mib(m.PeakManagedHeapBytes));
        table.AddRow("managed heap after (MiB)", Mib(m.ManagedHeapAfterBytes));
        table.AddRow("allocated (MiB)", Mib(m.AllocatedBytes));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Peak working set: {m.PeakSource}.");
    }

    private static string Mib(long bytes) => StageMeasurement.Mib(bytes).ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>The <c>profile --json</c> document: the stage's result without the per-customer cluster assignments.</summary>
public sealed record ProfileSummary(
    int Customers,
    int Buyers,
    DateTime ReferenceDate,
    IReadOnlyDictionary<string, int> Segments,
    ProfileClusterSummary? Clusters,
    StageMeasurement? Measurement,
    IReadOnlyList<ProfileScoreSummary>? Scores = null)
{
    public static ProfileSummary From(ProfileBuildResult result, StageMeasurement? measurement)
    {
        ArgumentNullException.ThrowIfNull(result);
        var clusters = result.Clusters is { } c
            ? new ProfileClusterSummary(
                c.K,
                c.Criterion,
                c.Candidates.ToDictionary(k => k.K, k => k.Score),
                [.. c.Clusters.Select(d => new ProfileClusterRow(ClusterSegments.Number(d), ClusterSegments.Name(d), d.Size, d.Sentence))])
            : null;
        var scores = (result.Scores ?? []).Select(o => new ProfileScoreSummary(o.Definition.Kind, o.Version?.Id, o.Predictions.Count, o.SkippedBecause, o.Evaluation)).ToList();
        return new ProfileSummary(result.Customers, result.Buyers, result.ReferenceDate, result.SegmentSizes, clusters, measurement, scores);
    }
}

public sealed record ProfileClusterSummary(int K, string Criterion, IReadOnlyDictionary<int, double> Candidates, IReadOnlyList<ProfileClusterRow> Clusters);

public sealed record ProfileClusterRow(int Number, string Name, int Size, string Description);

/// <summary>One score of the run: its new model version and evaluation, or why it was not scored.</summary>
public sealed record ProfileScoreSummary(string Kind, int? ModelVersionId, int Scored, string? SkippedBecause, ScoreEvaluation? Evaluation);
