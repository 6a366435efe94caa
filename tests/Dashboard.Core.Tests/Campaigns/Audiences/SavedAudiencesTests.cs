using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Campaigns.Audiences.AudienceCondition;

namespace Dashboard.Core.Tests.Campaigns.Audiences;

public sealed class SavedAudiencesTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 30, 9, 0, 0, TimeSpan.Zero);
    private static readonly AudienceRules Champions = AudienceRules.AllOf(In(AudienceField.Segment, "Champions"));
    private static readonly AudienceRules Loyal = AudienceRules.AllOf(In(AudienceField.Segment, "Loyal")) with { FrequencyCap = new FrequencyCap(1, 7) };

    private readonly SqliteTestDatabase _db = new();
    private readonly ManualClock _clock = new(Start);
    private readonly SavedAudiences _saved;

    public SavedAudiencesTests() => _saved = new SavedAudiences(_db, _clock);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Save_CreatesAndLists_ByName()
    {
        await _saved.SaveAsync("VIPs", "Our best", Champions);
        await _saved.SaveAsync("  Almost VIPs ", null, Loyal);

        var list = await _saved.ListAsync();

        Assert.Equal(["Almost VIPs", "VIPs"], list.Select(a => a.Name));
        var vips = list[1];
        Assert.Equal("Our best", vips.Description);
        Assert.Equal(Champions, vips.Rules);
        Assert.Equal(Start.UtcDateTime, vips.CreatedAt);
        Assert.Null(vips.UpdatedAt);
        Assert.Equal(Loyal, (await _saved.GetAsync(list[0].Id))!.Rules);
    }

    [Fact]
    public async Task Save_UpdatesTheAudienceOfTheSameName_IgnoringCase()
    {
        var first = await _saved.SaveAsync("VIPs", "Our best", Champions);
        _clock.Advance(TimeSpan.FromHours(2));

        var second = await _saved.SaveAsync("vips", "Now loyal too", Loyal);

        Assert.Equal(first.Id, second.Id);
        var only = Assert.Single(await _saved.ListAsync());
        Assert.Equal("vips", only.Name);
        Assert.Equal("Now loyal too", only.Description);
        Assert.Equal(Loyal, only.Rules);
        Assert.Equal(Start.UtcDateTime, only.CreatedAt);
        Assert.Equal(Start.UtcDateTime.AddHours(2), only.UpdatedAt);
    }

    [Fact]
    public async Task Save_RejectsNoNameAndInvalidRules()
    {
        Assert.Equal("Give the audience a name.", (await Assert.ThrowsAsync<AudienceRuleException>(() => _saved.SaveAsync(" ", null, Champions))).Message);
        await Assert.ThrowsAsync<AudienceRuleException>(() => _saved.SaveAsync("Broken", null, AudienceRules.AllOf(In(AudienceField.Segment))));
        Assert.Empty(await _saved.ListAsync());
    }

    [Fact]
    public async Task Delete_RemovesOnlySavedAudiences()
    {
        var vips = await _saved.SaveAsync("VIPs", null, Champions);

        Assert.True(await _saved.DeleteAsync(vips.Id));
        Assert.False(await _saved.DeleteAsync(vips.Id));
        Assert.Null(await _saved.GetAsync(vips.Id));
    }

    [Fact]
    public async Task Campaign_KeepsItsOwnCopy_WhenTheSavedAudienceChangesOrGoes()
    {
        var vips = await _saved.SaveAsync("VIPs", null, Champions);
        using var storage = new InMemoryStorage();
        var campaigns = new CampaignService(_db, new CampaignReadiness(_db, _clock), new BackgroundJobClient(storage), _clock);
        var campaign = await campaigns.CreateAsync(new CampaignDraft { Name = "Summer VIPs", Audience = vips.Rules, SavedAudienceId = vips.Id });

        await _saved.SaveAsync("VIPs", null, Loyal);
        await _saved.DeleteAsync(vips.Id);

        await using var db = _db.CreateDbContext();
        var own = await db.Campaigns.Where(c => c.Id == campaign.Id).Select(c => c.Audience!).SingleAsync();
        Assert.False(own.IsSaved);
        Assert.Equal(Champions, AudienceRules.FromJson(own.RulesJson));
        Assert.Empty(await _saved.ListAsync());
    }

    [Fact]
    public async Task List_LeavesOutCampaignCopies()
    {
        using var storage = new InMemoryStorage();
        await new CampaignService(_db, new CampaignReadiness(_db, _clock), new BackgroundJobClient(storage), _clock).CreateAsync(new CampaignDraft { Name = "Summer", Audience = Champions });

        Assert.Empty(await _saved.ListAsync());
    }
}
