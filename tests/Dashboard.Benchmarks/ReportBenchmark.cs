using System.Diagnostics;
using Dashboard.Core.Experiments;

namespace Dashboard.Benchmarks;

/// <summary>The report's server time on the report database: what it read and how long it took.</summary>
public sealed record ReportBenchmarkResult(ReportData Data, Timings Timings);

/// <summary>
/// Times the A/B report of a campaign with a million members (<see cref="ReportDataSet"/>): the aggregation in the
/// database and the statistics, as the report page asks for them, <c>warmup</c> times untimed, then <c>runs</c> times.
/// </summary>
public static class ReportBenchmark
{
    public static async Task<ReportBenchmarkResult> RunAsync(BenchmarkHost host, ReportData data, int warmup, int runs, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        var reports = host.Get<CampaignReportService>();
        for (var w = 0; w < warmup; w++)
        {
            report("warm-up", 0);
            _ = await reports.GetAsync(data.CampaignId, ct);
        }

        var timings = new List<double>(runs);
        for (var r = 0; r < runs; r++)
        {
            report("report", (double)r / runs);
            var stopwatch = Stopwatch.StartNew();
            _ = await reports.GetAsync(data.CampaignId, ct) ?? throw new InvalidOperationException("The report campaign is missing.");
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return new ReportBenchmarkResult(data, Timings.Of(timings));
    }
}
