namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// Recommender versions something still needs to serve (e.g. a campaign variant that pinned one), so that the retention
/// policy keeps their artifacts. The features that pin versions implement it; the registry does not know them.
/// </summary>
public interface IRecommenderPins
{
    Task<IReadOnlySet<int>> PinnedVersionIdsAsync(CancellationToken cancellationToken);
}
