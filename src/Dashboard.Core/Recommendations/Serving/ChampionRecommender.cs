using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// The loaded recommender champion, kept in memory per version id: a request never loads a model, and the champion's
/// id is looked up at most once per <see cref="ServingOptions.ChampionRefreshAfter"/>, so a promotion or rollback is picked up
/// shortly without a restart. A singleton.
/// </summary>
public sealed class ChampionRecommender(
    IDbContextFactory<DashboardDbContext> contexts, RecommenderRegistry registry, TimeProvider clock, IOptions<ServingOptions> options)
    : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ServingModel? _current;
    private DateTimeOffset _checkedAt;

    public void Dispose() => _refresh.Dispose();

    public async Task<ServingModel> CurrentAsync(CancellationToken cancellationToken = default)
    {
        // Read without the lock on purpose: the hot path stays lock-free, and a check that races a refresh at worst
        // serves the previous value once or goes through the lock, which decides again.
        if (_current is { } current && clock.GetUtcNow() - _checkedAt < options.Value.ChampionRefreshAfter)
        {
            return current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && clock.GetUtcNow() - _checkedAt < options.Value.ChampionRefreshAfter)
            {
                return fresh;
            }

            _current = await LoadIfChangedAsync(_current, cancellationToken);
            _checkedAt = clock.GetUtcNow();
            return _current;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<ServingModel> LoadIfChangedAsync(ServingModel? cached, CancellationToken cancellationToken)
    {
        ChampionStamp? champion;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Only the id and when its serving refit was stored: the artifact (megabytes for a sequence model) is read
            // only when either changed. The refit lands just after a promotion, so the id alone would keep the older fit.
            champion = await db.ModelVersions.Where(m => m.Kind.StartsWith(RecommenderKinds.Prefix) && m.IsChampion)
                .Select(m => new ChampionStamp(m.Id, m.ServingDataTo)).FirstOrDefaultAsync(cancellationToken);
        }

        if (champion is not { } current)
        {
            return ServingModel.Popularity("no recommender champion has been trained yet");
        }

        if (cached is { Model: not null } && cached.VersionId == current.Id && cached.ServingDataTo == current.ServingDataTo)
        {
            return cached;
        }

        var loaded = await registry.LoadChampionAsync(cancellationToken);
        return loaded?.Model is { } model
            ? new ServingModel(model, loaded.Version.Id, model.Name, null, loaded.Version.ServingDataTo)
            : ServingModel.Popularity($"the champion cannot be served here ({loaded?.UnavailableReason ?? "it was withdrawn"})");
    }

    private sealed record ChampionStamp(int Id, DateTime? ServingDataTo);
}
