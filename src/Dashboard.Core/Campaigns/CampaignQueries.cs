using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns;

public sealed record CampaignSummary(int Id, string Name, CampaignStatus Status, CampaignChannel Channel, CampaignObjective Objective, DateTime CreatedAt, DateTime? LaunchedAt, int Members);

public sealed record OfferPreview(int Rank, string Sku, string ProductName, string Category, decimal Price, string Reason);

public sealed record MemberPreview(string CustomerExternalId, string CustomerName, string? Segment, string? CouponCode, IReadOnlyList<OfferPreview> Offers);

/// <summary>Read models for the campaign pages: one query per view, projected in SQL.</summary>
public sealed class CampaignQueries(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<CampaignSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.OrderByDescending(c => c.CreatedAt)
            .Select(c => new CampaignSummary(c.Id, c.Name, c.Status, c.Channel, c.Objective, c.CreatedAt, c.LaunchedAt,
                db.PromoListEntries.Count(e => e.CampaignId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<Campaign?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Campaigns.AsNoTracking().Include(c => c.Variants).Include(c => c.Audience)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The first members of one variant with what each is offered, for the promo-list preview.</summary>
    public async Task<IReadOnlyList<MemberPreview>> PreviewAsync(int campaignId, int variantId, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.PromoListEntries.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.VariantId == variantId)
            .OrderBy(e => e.CustomerId)
            .Take(take)
            .Select(e => new
            {
                Customer = db.Customers.Where(c => c.Id == e.CustomerId).Select(c => new { c.ExternalId, c.FirstName, c.LastName, c.ErasedAt }).Single(),
                Segment = db.Profiles.Where(p => p.CustomerId == e.CustomerId).Select(p => p.Segment).FirstOrDefault(),
                e.CouponCode,
                Offers = e.Items.OrderBy(i => i.Rank).Select(i => new
                {
                    i.Rank,
                    Product = db.Products.Where(p => p.Id == i.ProductId).Select(p => new { p.Sku, p.Name, p.Category, p.Price }).Single(),
                    i.Reason,
                }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MemberPreview(
            r.Customer.ExternalId,
            r.Customer.ErasedAt is null ? $"{r.Customer.FirstName} {r.Customer.LastName}".Trim() : "(erased)",
            r.Segment,
            r.CouponCode,
            r.Offers.Select(o => new OfferPreview(o.Rank, o.Product.Sku, o.Product.Name, o.Product.Category, o.Product.Price, o.Reason)).ToList())).ToList();
    }

    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Products.Select(p => p.Category).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> CountriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Customers.Select(c => c.Country).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }
}
