using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Core.Ingestion;

/// <summary>Time and memory of one import, for a <c>bench</c> command: rows per second and the process's peak working set.</summary>
public sealed record ImportBenchmarkResult(
    ImportRunReport Report,
    double Seconds,
    double RowsPerSecond,
    long WorkingSetBeforeBytes,
    long PeakWorkingSetBytes,
    long ManagedHeapAfterBytes)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Report.RowsRead:N0} rows in {Seconds:0.0} s ({RowsPerSecond:N0} rows/s); working set {WorkingSetBeforeBytes / 1048576.0:0} MiB before, " +
        $"peak {PeakWorkingSetBytes / 1048576.0:0} MiB; managed heap after {ManagedHeapAfterBytes / 1048576.0:0} MiB");
}

public static class ImportBenchmark
{
    /// <summary>
    /// Imports the file and measures it. Import into a fresh database, or the run is skipped (same file) or finds
    /// everything already imported. The peak working set is the process's since it started: run it in a fresh process
    /// (the CLI) for a number that is about the import.
    /// </summary>
    public static async Task<ImportBenchmarkResult> MeasureAsync(
        ImportService importer, ImportKind kind, string filePath, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(importer);
        using var process = Process.GetCurrentProcess();
        var before = process.WorkingSet64;
        var stopwatch = Stopwatch.StartNew();
        var report = await importer.ImportAsync(kind, filePath, Path.GetFileName(filePath), "benchmark", progress, ct);
        stopwatch.Stop();
        process.Refresh();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new ImportBenchmarkResult(
            report, seconds, report.RowsRead / Math.Max(seconds, 1e-9), before, process.PeakWorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}
