using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns;

/// <summary>The products an offer's discount applies to: the promo list offers only those, so every offer can be redeemed.</summary>
public static class OfferEligibility
{
    /// <summary>
    /// The eligible products' ids, or null when the offer does not limit products. A product must be in one of the
    /// categories when categories are given, and among the SKUs when SKUs are given.
    /// </summary>
    public static async Task<IReadOnlySet<int>?> ProductIdsAsync(DashboardDbContext db, CampaignOffer offer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(offer);
        if (!offer.LimitsProducts)
        {
            return null;
        }

        var categories = offer.EligibleCategories;
        var skus = offer.EligibleSkus;
        var products = db.Products.AsQueryable();
        if (categories.Count > 0)
        {
            products = products.Where(p => categories.Contains(p.Category));
        }

        if (skus.Count > 0)
        {
            products = products.Where(p => skus.Contains(p.Sku));
        }

        return (await products.Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
    }
}
