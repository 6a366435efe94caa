using System.Globalization;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Validation;

/// <summary>What the readiness checks need to know about a campaign, whether it is still a form or already saved.</summary>
public sealed record CampaignPlan(
    int? CampaignId,
    AudienceRules Audience,
    CampaignChannel Channel,
    double HoldoutShare,
    DateTime? StartsAt,
    DateTime? EndsAt,
    decimal? Budget,
    decimal CostPerContact,
    CampaignOffer Offer)
{
    public static CampaignPlan Of(CampaignDraft draft) => new(
        null, draft.Audience, draft.Channel, draft.HoldoutShare, draft.StartsAt, draft.EndsAt, draft.Budget, draft.CostPerContact, draft.Offer);

    /// <summary>A saved campaign's plan: the one its edit form shows (audience, variants and holdout loaded).</summary>
    public static CampaignPlan Of(Campaign campaign) => Of(CampaignEdits.ToDraft(campaign)) with { CampaignId = campaign.Id };
}

/// <summary>
/// The checks that need the data: the audience is not empty, the budget pays for contacting it, no running or scheduled
/// campaign in the same period already targets the same customers (their test groups would be contaminated and customers
/// contacted twice), and the offer's eligible products exist. The form shows these before saving; launch refuses on any.
/// </summary>
public sealed class CampaignReadiness(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<CampaignProblem>> CheckAsync(CampaignPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        List<CampaignProblem> problems = [.. CampaignRules.Schedule(plan.StartsAt, plan.EndsAt, now), .. CampaignRules.Offer(plan.Offer)];
        problems.AddRange(await UnknownEligibleProductsAsync(db, plan.Offer, cancellationToken));

        IQueryable<int> audience;
        try
        {
            audience = await AudienceQuery.CustomerIdsAsync(db, plan.Audience, plan.Channel, now, cancellationToken);
        }
        catch (AudienceRuleException ex)
        {
            problems.Add(new(nameof(CampaignDraft.Audience), ex.Message));
            return problems;
        }

        var members = await audience.CountAsync(cancellationToken);
        if (members == 0)
        {
            problems.Add(new(nameof(CampaignDraft.Audience), "The audience is empty: widen the rules, or run the pipeline to build profiles."));
            return problems;
        }

        if (BudgetProblem(plan, members) is { } budget)
        {
            problems.Add(budget);
        }

        problems.AddRange(await OverlapsAsync(db, plan, audience, now, cancellationToken));
        return problems;
    }

    /// <summary>Contacting the treated members (the holdout costs nothing) must fit in the budget.</summary>
    public static CampaignProblem? BudgetProblem(CampaignPlan plan, int members)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Budget is not { } budget || plan.CostPerContact <= 0)
        {
            return null;
        }

        var contacts = (int)Math.Round(members * (1 - plan.HoldoutShare));
        var cost = contacts * plan.CostPerContact;
        if (cost <= budget)
        {
            return null;
        }

        var affordable = (int)Math.Floor(budget / plan.CostPerContact);
        return new(nameof(CampaignDraft.Budget), string.Create(CultureInfo.InvariantCulture,
            $"Contacting {contacts:N0} members at {plan.CostPerContact:N2} costs {cost:N2}, more than the budget of {budget:N2} (enough for {affordable:N0}). Raise the budget or narrow the audience."));
    }

    private static async Task<IEnumerable<CampaignProblem>> UnknownEligibleProductsAsync(DashboardDbContext db, CampaignOffer offer, CancellationToken cancellationToken)
    {
        List<CampaignProblem> problems = [];
        if (offer.EligibleSkus.Count > 0)
        {
            var skus = offer.EligibleSkus;
            var known = await db.Products.Where(p => skus.Contains(p.Sku)).Select(p => p.Sku).ToListAsync(cancellationToken);
            var unknown = skus.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new("Offer.EligibleSkus", $"No product has the SKU {string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? $" (and {unknown.Count - 5} more)" : "")}."));
            }
        }

        if (offer.EligibleCategories.Count > 0)
        {
            var categories = offer.EligibleCategories;
            var known = await db.Products.Where(p => categories.Contains(p.Category)).Select(p => p.Category).Distinct().ToListAsync(cancellationToken);
            var unknown = categories.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new("Offer.EligibleCategories", $"No product is in the category {string.Join(", ", unknown)}."));
            }
        }

        return problems;
    }

    private static async Task<IEnumerable<CampaignProblem>> OverlapsAsync(
        DashboardDbContext db, CampaignPlan plan, IQueryable<int> audience, DateTime now, CancellationToken cancellationToken)
    {
        var start = plan.StartsAt is { } s && s > now ? s : now;
        var end = plan.EndsAt ?? DateTime.MaxValue;
        var live = await db.Campaigns.AsNoTracking().Include(c => c.Audience)
            .Where(c => c.Id != plan.CampaignId && (c.Status == CampaignStatus.Running || c.Status == CampaignStatus.Scheduled))
            .Where(c => c.EndsAt == null || c.EndsAt > start)
            .Where(c => (c.LaunchedAt ?? c.StartsAt ?? now) < end)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);

        List<CampaignProblem> problems = [];
        foreach (var other in live)
        {
            // A running campaign's members are its promo list; a scheduled one's are its rules, evaluated as its launch will.
            var theirs = other.Status == CampaignStatus.Running
                ? db.PromoListEntries.Where(e => e.CampaignId == other.Id).Select(e => e.CustomerId)
                : await AudienceQuery.CustomerIdsAsync(db, AudienceRules.Of(other.Audience), other.Channel, now, cancellationToken);
            var shared = await audience.CountAsync(id => theirs.Contains(id), cancellationToken);
            if (shared > 0)
            {
                problems.Add(new(nameof(CampaignDraft.Audience), string.Create(CultureInfo.InvariantCulture,
                    $"{shared:N0} of these customers are in the {other.Status.ToString().ToLowerInvariant()} campaign \"{other.Name}\" in the same period: exclude them with a frequency cap, narrow the audience, or schedule after it ends.")));
            }
        }

        return problems;
    }
}
