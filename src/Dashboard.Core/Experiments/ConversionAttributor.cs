using Dashboard.Core.Campaigns;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Experiments;

/// <summary>
/// Attributes orders to a launched campaign: every purchase a member places within the attribution window
/// after launch counts for the member's variant, the holdout included (intent to treat), so the variants
/// compare like with like. Recomputed from scratch each time: running it twice gives the same rows.
/// </summary>
public sealed class ConversionAttributor(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<int> AttributeAsync(int campaignId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new CampaignRuleException($"Campaign {campaignId} does not exist.");
        if (campaign.LaunchedAt is not { } launchedAt)
        {
            return 0;
        }

        var windowEnd = launchedAt.AddDays(campaign.AttributionWindowDays);
        // Read and replace in one transaction, so the rows written match the orders and list of one moment.
        return await db.InTransactionAsync(async token =>
        {
            var conversions = await (
                    from entry in db.PromoListEntries
                    join order in db.Orders on entry.CustomerId equals order.CustomerId
                    where entry.CampaignId == campaignId && order.Kind == OrderKind.Purchase
                          && order.PlacedAt >= launchedAt && order.PlacedAt < windowEnd
                    select new Conversion
                    {
                        CampaignId = campaignId,
                        VariantId = entry.VariantId,
                        CustomerId = entry.CustomerId,
                        OrderId = order.Id,
                        Revenue = (double)order.Total,
                        ConvertedAt = order.PlacedAt,
                    })
                .ToListAsync(token);
            await db.Conversions.Where(c => c.CampaignId == campaignId).ExecuteDeleteAsync(token);
            db.Conversions.AddRange(conversions);
            await db.SaveChangesAsync(token);
            return conversions.Count;
        }, cancellationToken);
    }
}
