using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Experiments;

/// <summary>
/// Attributes orders to campaigns, last touch: a purchase goes to the campaign whose <see cref="CampaignTouch"/> on the
/// buyer is the latest at or before the order and whose attribution window (counted from that touch) still covers it;
/// on a tie (two campaigns touching at the same instant) the newer campaign, the higher id, wins. An order has at
/// most one campaign, so two overlapping campaigns never both claim it.
/// <para>
/// The holdout: its members are touched by their assignment at launch (intent to treat), so their orders count for
/// their own campaign only when no other campaign touched them more recently, exactly as for the treated members.
/// A later campaign takes orders from both arms alike (its targeting does not know the earlier arms), so the arms
/// stay comparable; and a later campaign's holdout takes orders too, or its own holdout would not be comparable.
/// </para>
/// <para>
/// Revenue is the purchase's total as placed. Returns are never attributed and do not reduce it: the report measures
/// what the campaign made customers buy, and a return arrives long after the decision the report informs.
/// </para>
/// Recomputed from scratch for the campaigns asked for, so running it twice gives the same rows.
/// </summary>
public sealed class ConversionAttributor(IDbContextFactory<DashboardDbContext> contexts)
{
    public Task<int> AttributeAsync(int campaignId, CancellationToken cancellationToken = default) =>
        AttributeAsync([campaignId], cancellationToken);

    /// <summary>Replaces the conversions of these campaigns; returns how many were written.</summary>
    public async Task<int> AttributeAsync(IReadOnlyCollection<int> campaignIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaignIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Read and replace in one transaction, so the rows written match the orders and touches of one moment.
        return await db.InTransactionAsync(async token =>
        {
            var conversions = await Query(db, campaignIds).ToListAsync(token);
            await db.Conversions.Where(c => campaignIds.Contains(c.CampaignId)).ExecuteDeleteAsync(token);
            await new BulkInsert<Conversion>(db).InsertAsync(conversions, token);
            return conversions.Count;
        }, cancellationToken);
    }

    /// <summary>The conversions of these campaigns: each purchase paired with the touch that wins it, resolved in SQL.</summary>
    internal static IQueryable<Conversion> Query(DashboardDbContext db, IReadOnlyCollection<int> campaignIds)
    {
        var touches = CampaignTouch.All(db);
        return from touch in touches
               where campaignIds.Contains(touch.CampaignId)
               join order in db.Orders on (int?)touch.CustomerId equals order.CustomerId
               where order.Kind == OrderKind.Purchase && order.PlacedAt >= touch.TouchedAt && order.PlacedAt < touch.WindowEnd
                     && !touches.Any(later => later.CustomerId == touch.CustomerId
                                              && later.TouchedAt <= order.PlacedAt && order.PlacedAt < later.WindowEnd
                                              && (later.TouchedAt > touch.TouchedAt
                                                  || (later.TouchedAt == touch.TouchedAt && later.CampaignId > touch.CampaignId)))
               select new Conversion
               {
                   CampaignId = touch.CampaignId,
                   VariantId = touch.VariantId,
                   CustomerId = touch.CustomerId,
                   OrderId = order.Id,
                   Revenue = (double)order.Total,
                   ConvertedAt = order.PlacedAt,
               };
    }
}
