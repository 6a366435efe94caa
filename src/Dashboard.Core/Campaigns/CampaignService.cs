using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Registry;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns;

/// <summary>Creates campaigns and moves them through their lifecycle; the heavy launch work runs as a job.</summary>
public sealed class CampaignService(
    IDbContextFactory<DashboardDbContext> contexts,
    CampaignReadiness readiness,
    IBackgroundJobClient jobs,
    TimeProvider clock)
{
    /// <summary>
    /// Saves a draft. The schedule, the offer and the arms must be valid; what depends on the audience (empty, over budget,
    /// overlapping another campaign) may still be fixed later, and launch refuses until it is.
    /// </summary>
    public async Task<Campaign> CreateAsync(CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        List<CampaignProblem> problems = [.. CampaignRules.Check(draft, now), .. await VariantProblemsAsync(db, draft, cancellationToken)];
        if (problems.Count > 0)
        {
            throw new CampaignValidationException(problems);
        }

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

        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    /// <summary>
    /// Saves an edited draft over a campaign. A draft may change everything; a scheduled or running campaign only its
    /// details (<see cref="CampaignLifecycle.Allowed"/>), and an ended one nothing. A draft's arms are replaced whole, as
    /// nobody has been assigned to them yet.
    /// </summary>
    public async Task UpdateAsync(int campaignId, CampaignDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.Include(c => c.Variants).Include(c => c.Audience).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new CampaignRuleException($"Campaign {campaignId} does not exist.");
        var changes = CampaignEdits.Changes(campaign, draft);
        CampaignLifecycle.EnsureCanChange(campaign, changes);
        var now = clock.GetUtcNow().UtcDateTime;
        List<CampaignProblem> problems = [];
        if (changes.HasFlag(CampaignChanges.Plan))
        {
            problems.AddRange(CampaignRules.Check(draft, now));
        }

        if (changes.HasFlag(CampaignChanges.Variants))
        {
            problems.AddRange(await VariantProblemsAsync(db, draft, cancellationToken));
        }

        if (problems.Count > 0)
        {
            throw new CampaignValidationException(problems);
        }

        campaign.Name = draft.Name.Trim();
        campaign.Description = draft.Description;
        campaign.Objective = draft.Objective;
        if (changes.HasFlag(CampaignChanges.Audience))
        {
            campaign.Channel = draft.Channel;
            campaign.Audience ??= new Audience { Name = $"{campaign.Name} audience", RulesJson = "{}", CreatedAt = now };
            campaign.Audience.RulesJson = draft.Audience.ToJson();
            campaign.Audience.UpdatedAt = now;
        }

        if (changes.HasFlag(CampaignChanges.Plan))
        {
            campaign.StartsAt = draft.StartsAt;
            campaign.EndsAt = draft.EndsAt;
            campaign.Budget = draft.Budget;
            campaign.CostPerContact = draft.CostPerContact;
            campaign.Offer = draft.Offer;
            campaign.PrimaryMetric = draft.PrimaryMetric;
            campaign.AttributionWindowDays = draft.AttributionWindowDays;
        }

        if (changes.HasFlag(CampaignChanges.Variants))
        {
            db.CampaignVariants.RemoveRange(campaign.Variants);
            campaign.Variants = Variants(draft);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<IEnumerable<CampaignProblem>> VariantProblemsAsync(DashboardDbContext db, CampaignDraft draft, CancellationToken cancellationToken)
    {
        var pinned = draft.Variants.Select(v => v.ModelVersionId).OfType<int>().ToList();
        var pinnable = await db.ModelVersions
            .Where(m => pinned.Contains(m.Id) && m.Kind.StartsWith(RecommenderKinds.Prefix) && m.Artifact != null)
            .Select(m => m.Id).ToListAsync(cancellationToken);
        return VariantPlan.Problems(draft.Variants, draft.HoldoutShare, pinnable).Select(problem => new CampaignProblem(nameof(CampaignDraft.Variants), problem));
    }

    /// <summary>The control first, then the treatments, then the holdout if there is one; all shares add up to 1.</summary>
    private static List<CampaignVariant> Variants(CampaignDraft draft)
    {
        var shares = VariantPlan.AudienceShares(draft.Variants, draft.HoldoutShare);
        var variants = draft.Variants.Select((v, i) => new CampaignVariant
        {
            Name = v.Name.Trim(),
            IsControl = i == 0,
            Strategy = v.Strategy,
            ModelVersionId = v.Strategy == OfferStrategy.Personalized ? v.ModelVersionId : null,
            TrafficShare = shares[i],
            ProductCount = draft.ProductCount,
        }).ToList();
        if (draft.HoldoutShare > 0)
        {
            variants.Add(new() { Name = VariantPlan.HoldoutName, Strategy = OfferStrategy.None, TrafficShare = draft.HoldoutShare, ProductCount = 0 });
        }

        return variants;
    }

    /// <summary>
    /// Checks that the campaign can launch, marks it Scheduled and queues the job that writes its promo list: now, or at
    /// the campaign's start. A campaign with an end date also gets the job that completes it then.
    /// </summary>
    public async Task<string> LaunchAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.Include(c => c.Audience).Include(c => c.Variants).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new CampaignRuleException($"Campaign {campaignId} does not exist.");
        if (campaign.Status != CampaignStatus.Draft)
        {
            throw new CampaignRuleException($"Only a draft can be launched; this campaign is {campaign.Status}.");
        }

        if (await readiness.CheckAsync(CampaignPlan.Of(campaign), cancellationToken) is { Count: > 0 } problems)
        {
            throw new CampaignValidationException(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        CampaignLifecycle.Move(campaign, CampaignStatus.Scheduled, now);
        await db.SaveChangesAsync(cancellationToken);
        if (campaign.EndsAt is { } end)
        {
            jobs.Schedule<CampaignEndJob>(job => job.RunAsync(campaignId, CancellationToken.None), new DateTimeOffset(end, TimeSpan.Zero));
        }

        return campaign.StartsAt is { } start && start > now
            ? jobs.Schedule<CampaignLaunchJob>(job => job.RunAsync(campaignId, CancellationToken.None), new DateTimeOffset(start, TimeSpan.Zero))
            : jobs.Enqueue<CampaignLaunchJob>(job => job.RunAsync(campaignId, CancellationToken.None));
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
public class CampaignRuleException : Exception
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
