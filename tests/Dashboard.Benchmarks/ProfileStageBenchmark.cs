using Dashboard.Core.Pipeline;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// The profile stage's outcome, the measurement of each run (the first in a fresh process, as a worker's first nightly run
/// after a start; later ones with EF Core's queries compiled and ML.NET loaded), and its two reading parts measured alone
/// (<see cref="Clustering"/> is null where no clusterer is registered).
/// </summary>
public sealed record ProfileStageResult(
    int Customers,
    int Buyers,
    DateTime ReferenceDate,
    int Clusters,
    IReadOnlyList<StageMeasurement> Runs,
    StageMeasurement Preprocessing,
    StageMeasurement? Clustering)
{
    /// <summary>The slowest run: what the aim is judged on.</summary>
    public StageMeasurement Slowest => Runs.MaxBy(r => r.Seconds)!;

    /// <summary>What a run spent outside the two reading parts: writing the profiles and the segment tables.</summary>
    public double RestSeconds(StageMeasurement run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Math.Max(0, run.Seconds - Preprocessing.Seconds - (Clustering?.Seconds ?? 0));
    }

    public long RestAllocatedBytes(StageMeasurement run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Math.Max(0, run.AllocatedBytes - Preprocessing.AllocatedBytes - (Clustering?.AllocatedBytes ?? 0));
    }
}

/// <summary>
/// Runs the profile stage exactly as the pipeline does (<see cref="ProfileBuilder.BuildAsync"/>, with the Learning
/// clusterer) <c>runs</c> times, each measured by <see cref="StageMeter"/> from a settled heap; then, to show where the
/// time goes, measures its two reading parts on their own: the preprocessing (<see cref="CustomerFeatureBuilder"/>) and
/// the clustering. The rest of a run is writing the profiles and the segment tables (and, in the first run, loading and
/// compiling).
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
            SettleHeap();
            (built, var measurement) = await StageMeter.MeasureAsync(() =>
                builder.BuildAsync(new Progress<double>(f => report(label, 0.7 * (from + (f / runs)))), ct));
            measurements.Add(measurement);
        }

        report("preprocessing alone", 0.7);
        var features = host.Get<CustomerFeatureBuilder>();
        SettleHeap();
        var (table, preprocessing) = await StageMeter.MeasureAsync(async () =>
            await features.BuildAsync(await features.LatestCutoffAsync(ct) ?? DateTime.UtcNow.Date.AddDays(1), ct));

        report("clustering alone", 0.85);
        StageMeasurement? clustering = null;
        if (host.Services.GetService<ICustomerClusterer>() is { } clusterer)
        {
            SettleHeap();
            (_, clustering) = await StageMeter.MeasureAsync(() => clusterer.ClusterAsync(table, ct));
        }

        report("done", 1);
        return new ProfileStageResult(
            built!.Customers, built.Buyers, built.ReferenceDate, built.Clusters?.K ?? 0, measurements, preprocessing, clustering);
    }

    /// <summary>
    /// A full, compacting collection that returns free memory to the system, so that each measurement starts from the live
    /// heap only and not from what the data generation or the previous run left behind.
    /// </summary>
    private static void SettleHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
