using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Experiments.Statistics;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns;

public sealed record CampaignSummary(int Id, string Name, CampaignStatus Status, CampaignChannel Channel, CampaignObjective Objective, DateTime CreatedAt, DateTime? LaunchedAt, int Members);

public sealed record OfferPreview(int Rank, string Sku, string ProductName, string Category, decimal Price, string Reason);

/// <summary>One member of a promo list: the coupon, the offers and the model version that ranked them, and the scores at launch.</summary>
public sealed record MemberPreview(
    string CustomerExternalId,
    string CustomerName,
    string? Segment,
    string? CouponCode,
    IReadOnlyList<OfferPreview> Offers,
    int? ModelVersionId,
    double? ChurnRisk,
    double? PurchasePropensity,
    double? ExpectedValue90d);

/// <summary>One arm of a launched campaign: the share it was planned to get and the members it got.</summary>
public sealed record VariantSplit(int VariantId, string Name, double PlannedShare, int Members, double ActualShare);

/// <summary>How a launched campaign's members split over its arms, with the sample-ratio test of that split against the plan.</summary>
public sealed record SplitCheck(IReadOnlyList<VariantSplit> Variants, SampleRatioResult Test);

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
                e.ModelVersionId,
                e.ChurnRisk,
                e.PurchasePropensity,
                e.ExpectedValue90d,
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
            r.Offers.Select(o => new OfferPreview(o.Rank, o.Product.Sku, o.Product.Name, o.Product.Category, o.Product.Price, o.Reason)).ToList(),
            r.ModelVersionId,
            r.ChurnRisk,
            r.PurchasePropensity,
            r.ExpectedValue90d)).ToList();
    }

    /// <summary>The members per arm against the planned shares (holdout included); null before the promo list is written.</summary>
    public async Task<SplitCheck?> SplitAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var variants = await db.CampaignVariants.AsNoTracking().Where(v => v.CampaignId == campaignId).OrderBy(v => v.Id)
            .Select(v => new { v.Id, v.Name, v.TrafficShare, Members = db.PromoListEntries.Count(e => e.CampaignId == campaignId && e.VariantId == v.Id) })
            .ToListAsync(cancellationToken);
        var total = variants.Sum(v => v.Members);
        if (total == 0)
        {
            return null;
        }

        return new SplitCheck(
            variants.Select(v => new VariantSplit(v.Id, v.Name, v.TrafficShare, v.Members, (double)v.Members / total)).ToList(),
            SampleRatioTest.Run(variants.Select(v => (long)v.Members).ToList(), variants.Select(v => v.TrafficShare).ToList()));
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
