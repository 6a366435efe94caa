using Microsoft.Extensions.Options;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// Keeps the registry from growing without end: a sequence model's artifact is megabytes and every night adds several
/// versions. A version keeps its artifacts while it is the champion, was ever one (rollback goes back to it), is pinned
/// (<see cref="IRecommenderPins"/>), or is among the newest <see cref="RecommenderOptions.KeepArtifactsPerFamily"/> of its
/// family; the others lose them and stay as history (parameters, metrics, the chart), no longer promotable.
/// </summary>
public sealed class ArtifactRetention(RecommenderRegistry registry, IEnumerable<IRecommenderPins> pins, IOptions<RecommenderOptions> options)
{
    /// <returns>How many versions lost their artifacts.</returns>
    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        var pinned = new HashSet<int>();
        foreach (var source in pins)
        {
            pinned.UnionWith(await source.PinnedVersionIdsAsync(cancellationToken));
        }

        return await registry.DropArtifactsAsync(options.Value.KeepArtifactsPerFamily, pinned, cancellationToken);
    }
}
