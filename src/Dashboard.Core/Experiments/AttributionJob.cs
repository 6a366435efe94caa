using Dashboard.Core.Campaigns;
using Dashboard.Core.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Experiments;

/// <summary>
/// Re-attributes conversions in the background: one campaign on request (the campaign page's "Re-run attribution"), or
/// every campaign still collecting orders on the recurring schedule. Hourly, because the events API and imports bring
/// orders all day and a manager watching a launch wants today's conversions, while a run re-reads only the campaigns
/// still collecting orders and takes seconds; the nightly pipeline's evaluate stage runs it as well.
/// </summary>
public sealed class AttributionJob(
    IDbContextFactory<DashboardDbContext> contexts,
    ConversionAttributor attributor,
    TimeProvider clock,
    ILogger<AttributionJob> logger)
{
    public const string RecurringJobId = "campaign-attribution";

    /// <summary>
    /// How long after its last window closes a completed campaign is still re-attributed: imported orders can arrive
    /// days after they were placed, and a later campaign may still take some of its orders away.
    /// </summary>
    public const int LateOrderDays = 7;

    /// <summary>The Hangfire entry point: one campaign, or (null) every campaign still collecting orders. One run at a time.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(int? campaignId, CancellationToken cancellationToken)
    {
        var campaigns = campaignId is { } id ? [id] : await CollectingOrdersAsync(cancellationToken);
        var attributed = await attributor.AttributeAsync(campaigns, cancellationToken);
        logger.LogInformation("{Conversions} conversions attributed across campaigns {CampaignIds}", attributed, string.Join(", ", campaigns));
        return attributed;
    }

    /// <summary>Running campaigns, and completed ones whose attribution window closed less than <see cref="LateOrderDays"/> ago.</summary>
    public async Task<IReadOnlyList<int>> CollectingOrdersAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns
            .Where(c => c.LaunchedAt != null && (c.Status == CampaignStatus.Running
                || (c.Status == CampaignStatus.Completed && c.LaunchedAt.Value.AddDays(c.AttributionWindowDays + LateOrderDays) > now)))
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
    }
}
