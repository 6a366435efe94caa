using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Web.Security;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.ModelsAndJobs;

/// <summary>
/// A recommender version as the Models page lists it: its family and holdout figures, no artifact;
/// <paramref name="ServingDataTo"/> when it serves a refit on all purchases up to then; <paramref name="CanServe"/> false
/// once the retention policy dropped its artifacts.
/// </summary>
public sealed record RecommenderVersionRow(
    int Id, string Family, DateTime CreatedAt, DateTime DataFrom, DateTime DataTo, double? Ndcg10, double? HitRate10, double TrainingSeconds, bool IsChampion,
    DateTime? ServingDataTo = null, bool CanServe = true);

/// <summary>The latest recommender training run with its live fields.</summary>
public sealed record RecommenderRunRow(
    int Id, RunStatus Status, DateTime StartedAt, DateTime? FinishedAt, double Progress, string? CurrentModel,
    int? Epoch, int? Epochs, double? Loss, double? ValidationMetric, double? EtaSeconds, string? Log, string? Error);

/// <summary>A model family the registry can train, and why it cannot run in this process, if it cannot (e.g. no libtorch).</summary>
public sealed record RecommenderFamilyRow(string Name, string Description, string? UnavailableReason);

/// <summary>The Models page's recommender section: versions, the latest run, and the actions (train, promote, roll back, schedule).</summary>
public sealed class RecommendersService(
    IDbContextFactory<DashboardDbContext> contexts,
    RecommenderRegistry registry,
    TrainingSchedule schedule,
    IBackgroundJobClient jobs,
    RecommenderCatalog catalog,
    CurrentStaff staff)
{
    /// <summary>Every registered family; asking for availability loads libtorch once, as training would.</summary>
    public IReadOnlyList<RecommenderFamilyRow> Families() =>
        [.. catalog.Registrations.Select(r => new RecommenderFamilyRow(r.Name, r.Description, r.UnavailableReason))];

    public async Task<IReadOnlyList<RecommenderVersionRow>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        // Versions whose artifacts the retention policy dropped stay listed, but cannot be promoted.
        var servable = (await registry.PinnableVersionsAsync(cancellationToken)).Select(v => v.Id).ToHashSet();
        return [.. (await registry.VersionsAsync(cancellationToken: cancellationToken)).Select(v =>
        {
            var metrics = RecommenderMetrics.Parse(v.MetricsJson);
            return new RecommenderVersionRow(v.Id, RecommenderKinds.FamilyOf(v.Kind), v.CreatedAt, v.DataFrom, v.DataTo,
                metrics?.Ndcg10, metrics?.HitRate10, v.TrainingSeconds, v.IsChampion, v.ServingDataTo, servable.Contains(v.Id));
        })];
    }

    public async Task<RecommenderRunRow?> LatestRunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TrainingRuns.AsNoTracking()
            .Where(r => r.Kind == RecommenderTrainingJob.RunKind)
            .OrderByDescending(r => r.Id)
            .Select(r => new RecommenderRunRow(r.Id, r.Status, r.StartedAt, r.FinishedAt, r.Progress, r.CurrentModel,
                r.Epoch, r.Epochs, r.Loss, r.ValidationMetric, r.EtaSeconds, r.Log, r.Error))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Queues a training run, or returns null when one is already running (the job's lock would only make it wait).</summary>
    public async Task<string?> TrainNowAsync(CancellationToken cancellationToken = default) =>
        await LatestRunAsync(cancellationToken) is { Status: RunStatus.Running }
            ? null
            : jobs.Enqueue<RecommenderTrainingJob>(job => job.RunAsync(CancellationToken.None));

    /// <summary>Promotes the version, then queues its refit on every purchase (its holdout fit serves until that ends).</summary>
    public async Task PromoteAsync(int versionId, CancellationToken cancellationToken = default)
    {
        await registry.PromoteAsync(versionId, await staff.ActorAsync(), cancellationToken);
        jobs.Enqueue<ChampionRefitJob>(job => job.RunAsync(versionId, CancellationToken.None));
    }

    /// <summary>Rolls back to the previous champion, then queues its refit on every purchase.</summary>
    public async Task<int?> RollBackAsync(CancellationToken cancellationToken = default)
    {
        var restored = await registry.RollBackAsync(await staff.ActorAsync(), cancellationToken);
        if (restored is not null)
        {
            jobs.Enqueue<ChampionRefitJob>(job => job.RunAsync(restored.Id, CancellationToken.None));
        }

        return restored?.Id;
    }

    public Task<string> CronAsync(CancellationToken cancellationToken = default) => schedule.CronAsync(cancellationToken);

    public async Task SetCronAsync(string cron, CancellationToken cancellationToken = default) =>
        await schedule.SetCronAsync(cron, await staff.ActorAsync(), cancellationToken);
}
