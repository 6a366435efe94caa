using Dashboard.Core.Campaigns;

namespace Dashboard.Core.Tests.Campaigns;

public sealed class CampaignLifecycleTests
{
    private static readonly DateTime Now = new(2026, 3, 31, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(CampaignStatus.Draft, CampaignStatus.Scheduled, true)]
    [InlineData(CampaignStatus.Draft, CampaignStatus.Cancelled, true)]
    [InlineData(CampaignStatus.Draft, CampaignStatus.Running, false)]
    [InlineData(CampaignStatus.Scheduled, CampaignStatus.Running, true)]
    [InlineData(CampaignStatus.Scheduled, CampaignStatus.Cancelled, true)]
    [InlineData(CampaignStatus.Scheduled, CampaignStatus.Draft, false)]
    [InlineData(CampaignStatus.Running, CampaignStatus.Completed, true)]
    [InlineData(CampaignStatus.Running, CampaignStatus.Cancelled, true)]
    [InlineData(CampaignStatus.Running, CampaignStatus.Draft, false)]
    [InlineData(CampaignStatus.Completed, CampaignStatus.Running, false)]
    [InlineData(CampaignStatus.Completed, CampaignStatus.Cancelled, false)]
    [InlineData(CampaignStatus.Cancelled, CampaignStatus.Draft, false)]
    public void CanMove_FollowsTheLifecycle(CampaignStatus from, CampaignStatus to, bool allowed) =>
        Assert.Equal(allowed, CampaignLifecycle.CanMove(from, to));

    [Fact]
    public void Allowed_FreezesAudienceAndVariantsFromSchedulingOn_AndEverythingOnceEnded()
    {
        Assert.Equal(CampaignChanges.Details | CampaignChanges.Audience | CampaignChanges.Variants | CampaignChanges.Plan, CampaignLifecycle.Allowed(CampaignStatus.Draft));
        Assert.Equal(CampaignChanges.Details, CampaignLifecycle.Allowed(CampaignStatus.Scheduled));
        Assert.Equal(CampaignChanges.Details, CampaignLifecycle.Allowed(CampaignStatus.Running));
        Assert.Equal(CampaignChanges.None, CampaignLifecycle.Allowed(CampaignStatus.Completed));
        Assert.Equal(CampaignChanges.None, CampaignLifecycle.Allowed(CampaignStatus.Cancelled));
        Assert.True(new Campaign { Name = "a" }.CanEditAudienceAndVariants);
        Assert.False(new Campaign { Name = "a", Status = CampaignStatus.Scheduled }.CanEditAudienceAndVariants);
    }

    [Fact]
    public void Move_RecordsTheEnd_AndRefusesWithTheAllowedStates()
    {
        var campaign = new Campaign { Name = "Spring", Status = CampaignStatus.Running };

        CampaignLifecycle.Move(campaign, CampaignStatus.Cancelled, Now);

        Assert.Equal((CampaignStatus.Cancelled, Now), (campaign.Status, campaign.CompletedAt));
        var draft = new Campaign { Name = "Autumn" };
        var error = Assert.Throws<CampaignRuleException>(() => CampaignLifecycle.Move(draft, CampaignStatus.Completed, Now));
        Assert.Equal("A draft campaign can become Scheduled or Cancelled, not Completed.", error.Message);
        Assert.Equal("This campaign is Cancelled; it cannot become Running.",
            Assert.Throws<CampaignRuleException>(() => CampaignLifecycle.Move(campaign, CampaignStatus.Running, Now)).Message);
    }

    [Fact]
    public void EnsureCanChange_NamesWhatIsFrozenAndWhy()
    {
        var running = new Campaign { Name = "Spring", Status = CampaignStatus.Running };

        CampaignLifecycle.EnsureCanChange(running, CampaignChanges.Details);
        var error = Assert.Throws<CampaignRuleException>(() => CampaignLifecycle.EnsureCanChange(running, CampaignChanges.Audience | CampaignChanges.Details));
        Assert.StartsWith("Audience cannot change: Running: the audience, the variants and the plan are frozen", error.Message, StringComparison.Ordinal);
    }
}
