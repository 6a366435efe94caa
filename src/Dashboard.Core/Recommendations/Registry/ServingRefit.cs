using System.Diagnostics;
using Dashboard.Core.Models;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>What a refit did: the newest purchase it saw and how long it took.</summary>
public sealed record RefitResult(string Family, DateTime DataTo, double Seconds);

/// <summary>
/// Fits a champion's family again on every purchase, the held-out weeks included, and stores that as what the version
/// serves (<see cref="ModelVersion.ServingArtifact"/>): its metrics stay those of its fit before its holdout, which the
/// next training run re-measures. Used by the training job for its champion and after a person promotes or rolls back.
/// </summary>
public sealed class ServingRefit(TemporalSplitLoader splits, RecommenderCatalog catalog, RecommenderRegistry registry)
{
    /// <returns>Null when there are no purchases to fit on.</returns>
    public async Task<RefitResult?> RefitAsync(ModelVersion version, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (await splits.LoadAllAsync(cancellationToken: cancellationToken) is not { } everything)
        {
            return null;
        }

        var family = RecommenderKinds.FamilyOf(version.Kind);
        var model = catalog.Create(family);
        try
        {
            var clock = Stopwatch.StartNew();
            model.Fit(everything, progress, cancellationToken);
            await registry.StoreServingFitAsync(version.Id, model, everything.Cutoff, cancellationToken);
            return new RefitResult(family, everything.Cutoff, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }
}
