using System.Diagnostics;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>The profile stage's outcome and measurement, and its parts timed alone.</summary>
public sealed record ProfileStageResult(
    int Customers,
    int Buyers,
    DateTime ReferenceDate,
    int Clusters,
    StageMeasurement Measurement,
    double FeaturesSeconds,
    double ClusteringSeconds);

/// <summary>
/// Runs the profile stage exactly as the pipeline does (<see cref="ProfileBuilder.BuildAsync"/>, with the Learning
/// clusterer), measured by <see cref="StageMeter"/>; then, to show where the time goes, times its two reading parts on
/// their own: the preprocessing (<see cref="CustomerFeatureBuilder"/>) and the clustering. The rest of the stage is
/// writing the profiles and the segment tables.
/// </summary>
public static class ProfileStageBenchmark
{
    public static async Task<ProfileStageResult> RunAsync(BenchmarkHost host, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        var builder = host.Get<ProfileBuilder>();
        var (built, measurement) = await StageMeter.MeasureAsync(() =>
            builder.BuildAsync(new Progress<double>(f => report("profile stage", f * 0.7)), ct));

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
            built.Customers, built.Buyers, built.ReferenceDate, built.Clusters?.K ?? 0, measurement, featuresSeconds, clusteringSeconds);
    }
}
