using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns;

/// <summary>Creates campaigns and moves them through their lifecycle; the heavy launch work runs as a job.</summary>
public sealed class CampaignService(
    IDbContextFactory<DashboardDbContext> contexts,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    public async Task<Campaign> CreateAsync(CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow().UtcDateTime;
        var campaign = new Campaign
        {
            Name = draft.Name.Trim(),
            Description = draft.Description,
            Objective = draft.Objective,
            Channel = draft.Channel,
            PrimaryMetric = draft.PrimaryMetric,
            AttributionWindowDays = draft.AttributionWindowDays,
            StartsAt = draft.StartsAt,
            EndsAt = draft.EndsAt,
            Budget = draft.Budget,
            CostPerContact = draft.CostPerContact,
            Offer = draft.Offer,
            CreatedAt = now,
            Audience = new Audience { Name = $"{draft.Name.Trim()} audience", RulesJson = draft.Audience.ToJson(), CreatedAt = now },
            Variants = Variants(draft),
        };

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    /// <summary>The variants split what the holdout leaves in proportion to their weights; all shares add up to 1.</summary>
    private static List<CampaignVariant> Variants(CampaignDraft draft)
    {
        var tested = 1 - draft.HoldoutShare;
        var weights = draft.Variants.Sum(v => v.Share);
        var variants = draft.Variants.Select((v, i) => new CampaignVariant
        {
            Name = v.Name.Trim(),
            IsControl = i == 0,
            Strategy = v.Strategy,
            ModelVersionId = v.Strategy == OfferStrategy.Personalized ? v.ModelVersionId : null,
            TrafficShare = tested * v.Share / weights,
            ProductCount = v.Strategy == OfferStrategy.None ? 0 : draft.ProductCount,
        }).ToList();
        if (draft.HoldoutShare > 0)
        {
            variants.Add(new() { Name = "Holdout: no contact", Strategy = OfferStrategy.None, TrafficShare = draft.HoldoutShare, ProductCount = 0 });
        }

        return variants;
    }

    /// <summary>Checks that the campaign can launch, marks it Scheduled and queues the job that writes its promo list.</summary>
    public async Task<string> LaunchAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.Include(c => c.Audience).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new CampaignRuleException($"Campaign {campaignId} does not exist.");
        if (campaign.Status != CampaignStatus.Draft)
        {
            throw new CampaignRuleException($"Only a draft can be launched; this campaign is {campaign.Status}.");
        }

        var rules = campaign.Audience is null ? new AudienceRules() : AudienceRules.FromJson(campaign.Audience.RulesJson);
        IQueryable<int> members;
        try
        {
            members = await AudienceQuery.CustomerIdsAsync(db, rules, campaign.Channel, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (AudienceRuleException ex)
        {
            throw new CampaignRuleException($"The audience rules cannot be evaluated: {ex.Message}", ex);
        }

        if (!await members.AnyAsync(cancellationToken))
        {
            throw new CampaignRuleException("The audience is empty: widen its rules, or run the pipeline to build profiles.");
        }

        CampaignLifecycle.Move(campaign, CampaignStatus.Scheduled, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return jobs.Enqueue<CampaignLaunchJob>(job => job.RunAsync(campaignId, CancellationToken.None));
    }

    public Task CompleteAsync(int campaignId, CancellationToken cancellationToken = default) =>
        MoveAsync(campaignId, CampaignStatus.Completed, cancellationToken);

    /// <summary>
    /// Stops a campaign that has not ended. A launch still queued finds the campaign cancelled and does nothing; promo lists
    /// and exposures already written stay, so what was sent can still be evaluated.
    /// </summary>
    public Task CancelAsync(int campaignId, CancellationToken cancellationToken = default) =>
        MoveAsync(campaignId, CampaignStatus.Cancelled, cancellationToken);

    private async Task MoveAsync(int campaignId, CampaignStatus to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.FindAsync([campaignId], cancellationToken)
            ?? throw new CampaignRuleException($"Campaign {campaignId} does not exist.");
        CampaignLifecycle.Move(campaign, to, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A lifecycle or validation rule was broken; the message is meant for the user.</summary>
public sealed class CampaignRuleException : Exception
{
    public CampaignRuleException()
    {
    }

    public CampaignRuleException(string message)
        : base(message)
    {
    }

    public CampaignRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
