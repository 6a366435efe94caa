using System.Globalization;
using Dashboard.Core;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Spectre.Console;

namespace Dashboard.Benchmarks;

/// <summary>One model's fit on the split: seconds per epoch (training plus the held-out recall check), and memory.</summary>
/// <param name="EpochSeconds">Each epoch's wall time; the first also holds the fit's set-up (timelines, network).</param>
/// <param name="PeakResidentMiB">The process's peak resident set during the fit (the loaded split included).</param>
/// <param name="ResidentBeforeMiB">Resident set just before the fit: the peak minus this is what the fit added.</param>
public sealed record TrainingBenchmarkRow(
    string Model, IReadOnlyList<double> EpochSeconds, double FitSeconds, double? PeakResidentMiB, double? ResidentBeforeMiB, double Ndcg10);

/// <summary>The split the models were fitted on, and one row per model.</summary>
public sealed record TrainingBenchmarkResult(string Database, SplitDescription Split, IReadOnlyList<TrainingBenchmarkRow> Models);

/// <summary>
/// Fits each model on a database's temporal split once, timing every epoch from the model's own progress reports and
/// reading the process's peak resident set (Linux <c>VmHWM</c>, reset before each fit through <c>/proc/self/clear_refs</c>),
/// so that one process measures several models without the first one's peak hiding the next one's.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>Migrates <paramref name="database"/>, fits the models on its split and prints the table unless <paramref name="json"/>.</summary>
    public static async Task<TrainingBenchmarkResult> MeasureAsync(FileInfo database, DateTime? cutoff, IReadOnlyList<string> models, bool json, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var host = new BenchmarkHost(database);
        await host.Get<DatabaseMigrator>().MigrateAsync(ct);
        var (split, rows) = await BenchmarkCommand.WithProgressAsync(json, "Sequence models", report => RunAsync(host, cutoff, models, report, ct));
        var result = new TrainingBenchmarkResult(database.Name, split, rows);
        if (!json)
        {
            Print(result);
        }

        return result;
    }

    public static async Task<(SplitDescription Split, IReadOnlyList<TrainingBenchmarkRow> Rows)> RunAsync(
        BenchmarkHost host, DateTime? cutoff, IReadOnlyList<string> models, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(report);
        report("loading the split", 0);
        var split = await host.Get<TemporalSplitLoader>().LoadAsync(cutoff, cancellationToken: ct);
        var catalog = host.Get<RecommenderCatalog>();
        var rows = new List<TrainingBenchmarkRow>();
        foreach (var name in models)
        {
            if (catalog.UnavailableReason(name) is { } reason)
            {
                throw new InvalidOperationException($"{name} cannot run here: {reason}");
            }

            var model = catalog.Create(name);
            try
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var resetPeak = ResetPeakResident();
                var before = Resident("VmRSS");
                var ends = new List<TimeSpan>();
                model.Fit(split.Training, new SynchronousProgress<TrainingProgress>(p =>
                {
                    ends.Add(p.Elapsed);
                    report($"{name}: epoch {p.Epoch}/{p.Epochs}", (double)p.Epoch / p.Epochs);
                }), ct);
                var peak = resetPeak ? Resident("VmHWM") : null;
                var epochs = ends.Select((end, i) => (end - (i == 0 ? TimeSpan.Zero : ends[i - 1])).TotalSeconds).ToList();
                report($"{name}: scoring the holdout", 1);
                var evaluation = OfflineEvaluator.EvaluateFitted(split, model, ends.Count == 0 ? 0 : ends[^1].TotalSeconds, cancellationToken: ct);
                rows.Add(new TrainingBenchmarkRow(name, epochs, evaluation.TrainSeconds, peak, before, evaluation.Metrics.Ndcg10));
            }
            finally
            {
                (model as IDisposable)?.Dispose();
            }
        }

        return (split.Description, rows);
    }

    private static void Print(TrainingBenchmarkResult result)
    {
        var split = result.Split;
        var table = new Table()
            .Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Sequence models on {result.Database}: one fit each, one libtorch thread, cut-off {split.Cutoff:yyyy-MM-dd}, {split.TrainCustomers:N0} customers, {split.TrainItems:N0} items, {split.TrainInteractions:N0} order lines")))
            .AddColumns("Model", "Epochs", "s / epoch (mean)", "min", "max", "Fit s", "Peak RSS MiB", "Before fit MiB", "NDCG@10");
        foreach (var column in table.Columns.Skip(1))
        {
            column.RightAligned();
        }

        foreach (var row in result.Models)
        {
            var epochs = row.EpochSeconds.Count == 0 ? [0.0] : row.EpochSeconds;
            table.AddRow(
                Markup.Escape(row.Model),
                row.EpochSeconds.Count.ToString(CultureInfo.InvariantCulture),
                epochs.Average().ToString("0.00", CultureInfo.InvariantCulture),
                epochs.Min().ToString("0.00", CultureInfo.InvariantCulture),
                epochs.Max().ToString("0.00", CultureInfo.InvariantCulture),
                row.FitSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                row.PeakResidentMiB?.ToString("0", CultureInfo.InvariantCulture) ?? "n/a",
                row.ResidentBeforeMiB?.ToString("0", CultureInfo.InvariantCulture) ?? "n/a",
                row.Ndcg10.ToString("0.000", CultureInfo.InvariantCulture));
        }

        table.Caption("An epoch is a pass over the training examples plus the held-out recall@20 check; the first also holds the set-up. "
            + "Peak RSS is the whole process's (the loaded split included), reset before each fit.");
        AnsiConsole.Write(table);
    }

    /// <summary>Writing 5 to clear_refs resets the peak resident set (Linux 4.0+); false where that is not possible.</summary>
    private static bool ResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A "Vm…: N kB" line of /proc/self/status, in MiB; null off Linux.</summary>
    private static double? Resident(string field)
    {
        if (!File.Exists("/proc/self/status"))
        {
            return null;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }
}
