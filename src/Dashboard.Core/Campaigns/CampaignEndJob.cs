using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// Completes a campaign at its end date. Scheduled when the campaign launches; by the time it runs the campaign may have
/// been completed or cancelled by hand, or (if its launch never ran) still be waiting, so anything but Running is left alone.
/// </summary>
public sealed class CampaignEndJob(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock, ILogger<CampaignEndJob> logger)
{
    public async Task RunAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.FindAsync([campaignId], cancellationToken);
        if (campaign?.Status != CampaignStatus.Running)
        {
            logger.LogInformation("Campaign {CampaignId} is {Status} at its end date; nothing to complete", campaignId, campaign?.Status.ToString() ?? "gone");
            return;
        }

        CampaignLifecycle.Move(campaign, CampaignStatus.Completed, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} completed at its end date", campaignId);
    }
}
