using Hangfire;

namespace Dashboard.Core.Experiments;

/// <summary>Queues a campaign's re-attribution on whichever worker is free (the campaign page's "Re-run attribution").</summary>
public sealed class AttributionScheduler(IBackgroundJobClient jobs)
{
    public string Enqueue(int campaignId) => jobs.Enqueue<AttributionJob>(job => job.RunAsync(campaignId, CancellationToken.None));
}
