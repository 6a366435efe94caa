using Dashboard.Core.Recommendations.Recommenders;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// After a person promotes a version or rolls back, refits the new champion on every purchase in the background, so that
/// it serves fresh data as a training run's champion does; until it finishes, the version's holdout fit serves.
/// </summary>
public sealed class ChampionRefitJob(RecommenderRegistry registry, RecommenderCatalog catalog, ServingRefit refit, TrainingGate gate, ILogger<ChampionRefitJob> logger)
{
    /// <summary>The Hangfire entry point; after a training running in this process, which may replace the champion anyway.</summary>
    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [60, 300])]
    public async Task RunAsync(int versionId, CancellationToken cancellationToken)
    {
        using var entered = await gate.EnterAsync(cancellationToken);
        var champion = await registry.ChampionAsync(cancellationToken);
        if (champion?.Id != versionId)
        {
            logger.LogInformation("Recommender version {VersionId} is no longer the champion; nothing to refit", versionId);
            return;
        }

        if (catalog.UnavailableReason(RecommenderKinds.FamilyOf(champion.Kind)) is { } reason)
        {
            logger.LogWarning("Recommender version {VersionId} cannot be refitted here: {Reason}", versionId, reason);
            return;
        }

        if (await refit.RefitAsync(champion, progress: null, cancellationToken) is { } done)
        {
            logger.LogInformation("Champion {Family} v{VersionId} refitted on all purchases up to {DataTo:yyyy-MM-dd} in {Seconds:0.0} s",
                done.Family, versionId, done.DataTo, done.Seconds);
        }
    }
}
