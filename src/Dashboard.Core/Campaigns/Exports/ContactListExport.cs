using System.Globalization;
using CsvHelper;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Exports;

/// <summary>
/// A launched campaign's promo list for the e-mail or push tool that sends it: per member the shop's customer id, the
/// variant, the coupon code and the offered products in rank order. The e-mail address and first name are included only
/// for e-mail campaigns (a push tool keys on the customer id). Members are filtered again by the channel's consent and
/// erasure at export time, since either can change after launch; the holdout is never listed (it must not be contacted).
/// Read in pages by entry id, so memory stays flat.
/// </summary>
public sealed class ContactListExport(IDbContextFactory<DashboardDbContext> contexts)
{
    private const int PageSize = 1_000;

    public async Task<int> WriteAsync(int campaignId, Stream destination, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var channel = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Channel).SingleAsync(ct);
        var withContact = channel == CampaignChannel.Email;
        var consenting = db.Customers.Where(c => c.ErasedAt == null).WithConsentFor(channel);

        await using var csv = CsvWriter.Create(destination, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        await csv.WriteRecordAsync(withContact
            ? ["customer_id", "email", "first_name", "variant", "coupon_code", "product_skus", "product_names"]
            : ["customer_id", "variant", "coupon_code", "product_skus", "product_names"], ct);
        var written = 0;
        long after = 0;
        while (true)
        {
            var page = await (
                from entry in db.PromoListEntries.AsNoTracking()
                where entry.CampaignId == campaignId && entry.Id > after
                join customer in consenting on entry.CustomerId equals customer.Id
                join variant in db.CampaignVariants on entry.VariantId equals variant.Id
                where variant.Strategy != OfferStrategy.None
                orderby entry.Id
                select new { entry.Id, customer.ExternalId, customer.Email, customer.FirstName, Variant = variant.Name, entry.CouponCode })
                .Take(PageSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            var ids = page.Select(p => p.Id).ToList();
            var offers = (await (
                    from item in db.PromoListItems.AsNoTracking()
                    where ids.Contains(item.PromoListEntryId)
                    join product in db.Products on item.ProductId equals product.Id
                    select new { item.PromoListEntryId, item.Rank, product.Sku, product.Name })
                .ToListAsync(ct))
                .ToLookup(o => o.PromoListEntryId);
            foreach (var member in page)
            {
                var items = offers[member.Id].OrderBy(o => o.Rank).ToList();
                string skus = string.Join(';', items.Select(o => o.Sku)), names = string.Join(" | ", items.Select(o => o.Name));
                await csv.WriteRecordAsync(withContact
                    ? [member.ExternalId, member.Email ?? "", member.FirstName ?? "", member.Variant, member.CouponCode ?? "", skus, names]
                    : [member.ExternalId, member.Variant, member.CouponCode ?? "", skus, names], ct);
                written++;
            }

            after = page[^1].Id;
        }

        await csv.FlushAsync(ct);
        return written;
    }

    public static string FileName(int campaignId) => string.Create(CultureInfo.InvariantCulture, $"campaign-{campaignId}-contact-list.csv");
}
