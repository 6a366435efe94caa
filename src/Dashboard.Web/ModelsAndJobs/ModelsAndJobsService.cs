using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.ModelsAndJobs;

/// <summary>A trained model version without its artifact bytes (those can be megabytes).</summary>
public sealed record ModelVersionRow(
    int Id,
    string Kind,
    DateTime CreatedAt,
    DateTime DataFrom,
    DateTime DataTo,
    bool IsChampion,
    double TrainingSeconds,
    string? MetricsJson);

public sealed record PipelineRunRow(
    int Id,
    string Trigger,
    RunStatus Status,
    string? CurrentStage,
    double Progress,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string? Log,
    string? Error)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

public sealed class ModelsAndJobsService(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<ModelVersionRow>> ModelVersionsAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ModelVersions
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)
            .Take(take)
            .Select(m => new ModelVersionRow(m.Id, m.Kind, m.CreatedAt, m.DataFrom, m.DataTo, m.IsChampion, m.TrainingSeconds, m.MetricsJson))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PipelineRunRow>> RecentPipelineRunsAsync(int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PipelineRuns
            .OrderByDescending(r => r.StartedAt)
            .ThenByDescending(r => r.Id)
            .Take(take)
            .Select(r => new PipelineRunRow(r.Id, r.Trigger, r.Status, r.CurrentStage, r.Progress, r.StartedAt, r.FinishedAt, r.Log, r.Error))
            .ToListAsync(cancellationToken);
    }
}
