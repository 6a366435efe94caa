using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Profiles;

public sealed record ProfileBuildResult(int Customers, int Buyers, DateTime ReferenceDate, IReadOnlyDictionary<string, int> SegmentSizes);

/// <summary>
/// Recomputes every customer's RFM profile and the RFM segment table, all in one transaction so that a
/// failed run leaves the previous profiles in place. Recency is measured against the newest order in the
/// data, not the wall clock, so imported history (e.g. 2011 retail data) gets meaningful scores.
/// </summary>
public sealed class ProfileBuilder(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    private const int BatchSize = 2000;

    public async Task<ProfileBuildResult> BuildAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var newestOrder = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAt, cancellationToken);
        var referenceDate = (newestOrder ?? now).Date.AddDays(1);

        var purchases = await db.Orders
            .Where(o => o.CustomerId != null && o.Kind == OrderKind.Purchase)
            .GroupBy(o => o.CustomerId!.Value)
            .Select(g => new { CustomerId = g.Key, Orders = g.Count(), Revenue = g.Sum(o => o.Total), First = g.Min(o => o.PlacedAt), Last = g.Max(o => o.PlacedAt) })
            .ToDictionaryAsync(x => x.CustomerId, cancellationToken);
        var returns = await db.Orders
            .Where(o => o.CustomerId != null && o.Kind == OrderKind.Return)
            .GroupBy(o => o.CustomerId!.Value)
            .Select(g => new { CustomerId = g.Key, Amount = g.Sum(o => o.Total) })
            .ToDictionaryAsync(x => x.CustomerId, x => x.Amount, cancellationToken);
        var topCategories = await TopCategoriesAsync(db, cancellationToken);
        var customerIds = await db.Customers.Select(c => c.Id).ToListAsync(cancellationToken);
        progress?.Report(0.3);

        // One RFM input per buyer; the profile below reuses it instead of recomputing recency and net value.
        var inputs = purchases.Values.ToDictionary(
            p => p.CustomerId,
            p => new RfmInput(p.CustomerId, (referenceDate - p.Last).Days, p.Orders, (double)(p.Revenue - returns.GetValueOrDefault(p.CustomerId))));
        var scores = RfmScoring.Score([.. inputs.Values]).ToDictionary(s => s.CustomerId);

        var profiles = customerIds.Select(id =>
        {
            var bought = purchases.TryGetValue(id, out var p);
            var input = inputs.GetValueOrDefault(id);
            var score = scores.GetValueOrDefault(id);
            return new CustomerProfile
            {
                CustomerId = id,
                RecencyDays = bought ? input.RecencyDays : null,
                Frequency = input.Frequency,
                Monetary = input.Monetary,
                RecencyScore = score.Recency,
                FrequencyScore = score.Frequency,
                MonetaryScore = score.Monetary,
                Segment = bought ? score.Segment : RfmScoring.Prospect,
                FirstPurchaseAt = p?.First,
                LastPurchaseAt = p?.Last,
                TopCategory = topCategories.GetValueOrDefault(id),
                ReferenceDate = referenceDate,
                ComputedAt = now,
            };
        }).ToList();

        var sizes = await db.InTransactionAsync(async token =>
        {
            await db.Profiles.ExecuteDeleteAsync(token);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < profiles.Count; i += BatchSize)
            {
                db.Profiles.AddRange(profiles.Skip(i).Take(BatchSize));
                await db.SaveChangesAsync(token);
                db.ChangeTracker.Clear();
                progress?.Report(0.3 + (0.6 * (i + BatchSize) / Math.Max(1, profiles.Count)));
            }

            return await RefreshSegmentsAsync(db, profiles, now, token);
        }, cancellationToken);
        progress?.Report(1);
        return new ProfileBuildResult(profiles.Count, purchases.Count, referenceDate, sizes);
    }

    private static async Task<Dictionary<int, string>> TopCategoriesAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var quantities = await (
                from line in db.OrderLines
                join order in db.Orders on line.OrderId equals order.Id
                where order.CustomerId != null && order.Kind == OrderKind.Purchase
                group line by new { CustomerId = order.CustomerId!.Value, line.Product!.Category } into g
                select new { g.Key.CustomerId, g.Key.Category, Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(cancellationToken);
        return quantities
            .GroupBy(q => q.CustomerId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(q => q.Quantity).ThenBy(q => q.Category, StringComparer.Ordinal).First().Category);
    }

    private static async Task<IReadOnlyDictionary<string, int>> RefreshSegmentsAsync(
        DashboardDbContext db, List<CustomerProfile> profiles, DateTime now, CancellationToken cancellationToken)
    {
        var bySegment = profiles.GroupBy(p => p.Segment).ToDictionary(g => g.Key, g => (Count: g.Count(), Revenue: g.Sum(p => p.Monetary)));
        var existing = await db.Segments.Where(s => s.Kind == SegmentKind.Rfm).ToDictionaryAsync(s => s.Name, cancellationToken);
        foreach (var (name, description) in RfmScoring.Segments)
        {
            if (!existing.TryGetValue(name, out var segment))
            {
                segment = new Segment { Name = name, Kind = SegmentKind.Rfm };
                db.Segments.Add(segment);
            }

            var (count, revenue) = bySegment.GetValueOrDefault(name);
            segment.Description = description;
            segment.CustomerCount = count;
            segment.Revenue = revenue;
            segment.ComputedAt = now;
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        return RfmScoring.Segments.ToDictionary(s => s.Name, s => bySegment.GetValueOrDefault(s.Name).Count);
    }
}
