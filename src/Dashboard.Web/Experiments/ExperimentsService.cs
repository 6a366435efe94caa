using Dashboard.Core.Campaigns;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Experiments;

public sealed record ExperimentRow(
    int CampaignId,
    string Name,
    CampaignStatus Status,
    CampaignChannel Channel,
    CampaignObjective Objective,
    DateTime LaunchedAt,
    DateTime? CompletedAt,
    int Variants);

/// <summary>Every launched campaign is an experiment: its variants and holdout are compared in its report.</summary>
public sealed class ExperimentsService(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<ExperimentRow>> LaunchedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns
            .Where(c => c.LaunchedAt != null)
            .OrderByDescending(c => c.LaunchedAt)
            .ThenByDescending(c => c.Id)
            .Select(c => new ExperimentRow(
                c.Id, c.Name, c.Status, c.Channel, c.Objective, c.LaunchedAt!.Value, c.CompletedAt, c.Variants.Count))
            .ToListAsync(cancellationToken);
    }
}
