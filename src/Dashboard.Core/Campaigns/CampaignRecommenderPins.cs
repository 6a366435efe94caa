using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Registry;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns;

/// <summary>The recommender versions pinned by variants of campaigns that have not ended: a launch still needs them.</summary>
public sealed class CampaignRecommenderPins(IDbContextFactory<DashboardDbContext> contexts) : IRecommenderPins
{
    public async Task<IReadOnlySet<int>> PinnedVersionIdsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pinned = await db.CampaignVariants
            .Where(v => v.ModelVersionId != null
                && db.Campaigns.Any(c => c.Id == v.CampaignId && c.Status != CampaignStatus.Completed && c.Status != CampaignStatus.Cancelled))
            .Select(v => v.ModelVersionId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        return pinned.ToHashSet();
    }
}
