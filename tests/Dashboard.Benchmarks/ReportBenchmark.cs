using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Experiments.Reports;

namespace Dashboard.Benchmarks;

/// <summary>The report's server time on the report database: what it read, how long it took, and each query's share.</summary>
public sealed record ReportBenchmarkResult(ReportData Data, Timings Timings, IReadOnlyList<(string Query, double Ms)> Queries);

/// <summary>
/// Times the A/B report of a campaign with a million members (<see cref="ReportDataSet"/>): the aggregation in the
/// database (<see cref="ExperimentAggregates"/>: per variant, segment and country, the funnel and the daily series) and the
/// statistics (<see cref="CampaignAnalysis"/>: conversion and CUPED revenue A/B tests, incrementality against the holdout), <c>warmup</c> times untimed, then <c>runs</c> times.
/// </summary>
public static class ReportBenchmark
{
    public static async Task<ReportBenchmarkResult> RunAsync(BenchmarkHost host, ReportData data, int warmup, int runs, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(report);
        var reports = host.Get<CampaignAnalysis>();
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

        return new ReportBenchmarkResult(data, Timings.Of(timings), await TimeQueriesAsync(host, data, ct));
    }

    /// <summary>Each aggregation query once more on its own, to show where the time goes.</summary>
    private static async Task<IReadOnlyList<(string Query, double Ms)>> TimeQueriesAsync(BenchmarkHost host, ReportData data, CancellationToken ct)
    {
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == data.CampaignId, ct);
        string[] names = ["members and pre-period sums per (variant, segment, country)", "attributed buyers' sums per cell", "funnel", "attributed orders (daily series)"];
        var queries = ExperimentAggregates.Queries(db, campaign.Id, campaign.LaunchedAt!.Value, campaign.AttributionWindowDays);
        var result = new List<(string, double)>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            _ = await ((IQueryable<object>)queries[i]).ToListAsync(ct);
            result.Add((i < names.Length ? names[i] : $"query {i + 1}", stopwatch.Elapsed.TotalMilliseconds));
        }

        return result;
    }
}
