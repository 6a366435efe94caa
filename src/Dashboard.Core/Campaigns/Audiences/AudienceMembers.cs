using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>One member as machine clients see it: the shop's customer id and, once launched, the variant and coupon.</summary>
public sealed record AudienceMember(string CustomerId, string? Variant, string? CouponCode);

/// <summary>One page of a campaign's audience; <see cref="Launched"/> says whether it comes from the written promo list.</summary>
public sealed record AudienceMemberPage(int CampaignId, bool Launched, int Page, int PageSize, int Total, IReadOnlyList<AudienceMember> Members);

/// <summary>
/// A campaign's audience for the machine API, paged by the shop's customer id. Before launch it is the audience
/// rules evaluated now; after launch it is the promo list as written. Never names or contact details, never erased customers.
/// </summary>
public sealed class AudienceMembers(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    public const int MaxPageSize = 1000;

    /// <summary>The page, or null when the campaign does not exist.</summary>
    public async Task<AudienceMemberPage?> PageAsync(int campaignId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.Audience).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        var launched = campaign.LaunchedAt is not null;
        var members = launched ? PromoList(db, campaignId) : await RuleMatchesAsync(db, campaign, cancellationToken);
        var total = await members.CountAsync(cancellationToken);
        var rows = await members.OrderBy(m => m.CustomerId).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AudienceMemberPage(campaignId, launched, page, pageSize, total, [.. rows.Select(r => new AudienceMember(r.CustomerId, r.Variant, r.CouponCode))]);
    }

    private static IQueryable<MemberRow> PromoList(DashboardDbContext db, int campaignId) =>
        from entry in db.PromoListEntries
        where entry.CampaignId == campaignId
        join customer in db.Customers on entry.CustomerId equals customer.Id
        where customer.ErasedAt == null
        join variant in db.CampaignVariants on entry.VariantId equals variant.Id
        select new MemberRow { CustomerId = customer.ExternalId, Variant = variant.Name, CouponCode = entry.CouponCode };

    private async Task<IQueryable<MemberRow>> RuleMatchesAsync(DashboardDbContext db, Campaign campaign, CancellationToken cancellationToken)
    {
        // The same rules the launch job will apply (no saved audience means "everyone", as there).
        var rules = AudienceRules.Of(campaign.Audience);
        var ids = await AudienceQuery.CustomerIdsAsync(db, rules, campaign.Channel, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return db.Customers.Where(c => ids.Contains(c.Id)).Select(c => new MemberRow { CustomerId = c.ExternalId });
    }

    // Member initialisation (not a constructor) lets EF order and page by the projected customer id in SQL.
    private sealed class MemberRow
    {
        public required string CustomerId { get; init; }
        public string? Variant { get; init; }
        public string? CouponCode { get; init; }
    }
}
