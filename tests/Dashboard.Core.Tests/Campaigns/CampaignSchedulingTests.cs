using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Campaigns;

/// <summary>Start and end dates become Hangfire schedules (on a real in-memory storage), and the end job completes only what runs.</summary>
public sealed class CampaignSchedulingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(TestShop.Today.AddHours(9));
    private readonly SqliteTestDatabase _db = new();
    private readonly InMemoryStorage _storage = new();
    private readonly ManualClock _clock = new(Now);
    private readonly CampaignService _campaigns;

    public CampaignSchedulingTests() =>
        _campaigns = new CampaignService(_db, new CampaignReadiness(_db, _clock), new BackgroundJobClient(_storage), _clock);

    public void Dispose()
    {
        _storage.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task Launch_WithAFutureStart_SchedulesTheListForTheStart_AndTheEndForTheEnd()
    {
        await TestShop.SaveAsync(_db, TestShop.Customer("C-1"));
        var starts = Now.UtcDateTime.AddDays(3);
        var ends = Now.UtcDateTime.AddDays(10);
        var campaign = await _campaigns.CreateAsync(new CampaignDraft { Name = "Next week", StartsAt = starts, EndsAt = ends });

        var launchJob = await _campaigns.LaunchAsync(campaign.Id);

        var scheduled = _storage.GetMonitoringApi().ScheduledJobs(0, 10).ToDictionary(j => j.Key, j => j.Value);
        Assert.Equal(2, scheduled.Count);
        Assert.Equal(starts, scheduled[launchJob].EnqueueAt);
        Assert.Equal(typeof(CampaignLaunchJob), scheduled[launchJob].Job.Type);
        var endJob = Assert.Single(scheduled, j => j.Key != launchJob).Value;
        Assert.Equal(typeof(CampaignEndJob), endJob.Job.Type);
        Assert.Equal(ends, endJob.EnqueueAt);
        await using var db = _db.CreateDbContext();
        Assert.Equal(CampaignStatus.Scheduled, (await db.Campaigns.SingleAsync()).Status);
    }

    [Fact]
    public async Task Create_RefusesAnEndBeforeTheStart()
    {
        var draft = new CampaignDraft { Name = "Backwards", StartsAt = Now.UtcDateTime.AddDays(5), EndsAt = Now.UtcDateTime.AddDays(1) };

        var error = await Assert.ThrowsAsync<CampaignValidationException>(() => _campaigns.CreateAsync(draft));

        Assert.Equal(nameof(CampaignDraft.EndsAt), Assert.Single(error.Problems).Field);
    }

    [Theory]
    [InlineData(CampaignStatus.Running, CampaignStatus.Completed)]
    [InlineData(CampaignStatus.Cancelled, CampaignStatus.Cancelled)]
    [InlineData(CampaignStatus.Scheduled, CampaignStatus.Scheduled)]
    public async Task EndJob_CompletesOnlyARunningCampaign(CampaignStatus before, CampaignStatus after)
    {
        var campaign = new Campaign { Name = "Ending", Status = before, CreatedAt = Now.UtcDateTime };
        await TestShop.SaveAsync(_db, campaign);

        await new CampaignEndJob(_db, _clock, NullLogger<CampaignEndJob>.Instance).RunAsync(campaign.Id, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var stored = await db.Campaigns.SingleAsync();
        Assert.Equal(after, stored.Status);
        Assert.Equal(after == CampaignStatus.Completed ? Now.UtcDateTime : null, stored.CompletedAt);
    }
}
