using System.Diagnostics;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// The profile stage's outcome, the measurement of each run (the first in a fresh process, as a worker's first nightly run
/// after a start; later ones with EF Core's queries compiled and ML.NET loaded), and its reading parts timed alone.
/// </summary>
public sealed record ProfileStageResult(
    int Customers,
    int Buyers,
    DateTime ReferenceDate,
    int Clusters,
    IReadOnlyList<StageMeasurement> Runs,
    double FeaturesSeconds,
    double ClusteringSeconds)
{
    /// <summary>The slowest run: what the aim is judged on.</summary>
    public StageMeasurement Slowest => Runs.MaxBy(r => r.Seconds)!;
}

/// <summary>
/// Runs the profile stage exactly as the pipeline does (<see cref="ProfileBuilder.BuildAsync"/>, with the Learning
/// clusterer) <c>runs</c> times, each measured by <see cref="StageMeter"/>; then, to show where the time goes, times its
/// two reading parts on their own: the preprocessing (<see cref="CustomerFeatureBuilder"/>) and the clustering. The rest
/// of a run is writing the profiles and the segment tables (and, in the first run, loading and compiling).
/// </summary>
public static class ProfileStageBenchmark
{
    public static async Task<ProfileStageResult> RunAsync(BenchmarkHost host, int runs, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var builder = host.Get<ProfileBuilder>();
        var measurements = new List<StageMeasurement>(runs);
        ProfileBuildResult? built = null;
        for (var run = 0; run < runs; run++)
        {
            var (from, label) = ((double)run / runs, FormattableString.Invariant($"profile stage, run {run + 1} of {runs}"));
            (built, var measurement) = await StageMeter.MeasureAsync(() =>
                builder.BuildAsync(new Progress<double>(f => report(label, 0.7 * (from + (f / runs)))), ct));
            measurements.Add(measurement);
        }

        report("preprocessing alone", 0.7);
        var features = host.Get<CustomerFeatureBuilder>();
        var stopwatch = Stopwatch.StartNew();
        var cutoff = await features.LatestCutoffAsync(ct) ?? DateTime.UtcNow.Date.AddDays(1);
        var table = await features.BuildAsync(cutoff, ct);
        var featuresSeconds = stopwatch.Elapsed.TotalSeconds;

        report("clustering alone", 0.85);
        var clusteringSeconds = 0.0;
        if (host.Services.GetService<ICustomerClusterer>() is { } clusterer)
        {
            stopwatch.Restart();
            await clusterer.ClusterAsync(table, ct);
            clusteringSeconds = stopwatch.Elapsed.TotalSeconds;
        }

        report("done", 1);
        return new ProfileStageResult(
            built!.Customers, built.Buyers, built.ReferenceDate, built.Clusters?.K ?? 0, measurements, featuresSeconds, clusteringSeconds);
    }
}
