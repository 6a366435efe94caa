using Dashboard.Core.Campaigns;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Overview;

/// <summary>Reads the overview's numbers; every aggregate runs in the database, one context per call.</summary>
public sealed class OverviewService(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time)
{
    public async Task<OverviewSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var newestOrder = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAt, cancellationToken);
        var (asOf, isHistorical) = ResolveAsOf(today, newestOrder);
        var from = asOf.AddDays(-(OverviewSnapshot.WindowDays - 1)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var customers = await db.Customers.CountAsync(cancellationToken);
        var newCustomers = await db.Customers.CountAsync(c => c.CreatedAt >= from && c.CreatedAt < until, cancellationToken);
        var activeCampaigns = await db.Campaigns.CountAsync(c => c.Status == CampaignStatus.Running, cancellationToken);

        var lastRun = await db.PipelineRuns
            .OrderByDescending(r => r.StartedAt)
            .ThenByDescending(r => r.Id)
            .Select(r => new PipelineRunSummary(r.Id, r.Trigger, r.Status, r.StartedAt, r.FinishedAt, r.CurrentStage, r.Progress, r.Error))
            .FirstOrDefaultAsync(cancellationToken);

        // Grouped by calendar day in SQL: at most 30 rows come back, however many orders there are.
        var days = await db.Orders
            .Where(o => o.PlacedAt >= from && o.PlacedAt < until)
            .GroupBy(o => o.PlacedAt.Date)
            .Select(g => new
            {
                Day = g.Key,
                Orders = g.Count(o => o.Kind == OrderKind.Purchase),
                NetRevenue = g.Sum(o => o.Kind == OrderKind.Return ? -o.Total : o.Total),
            })
            .ToListAsync(cancellationToken);

        var byDay = days.ToDictionary(d => DateOnly.FromDateTime(d.Day));
        var daily = Enumerable.Range(0, OverviewSnapshot.WindowDays)
            .Select(i => DateOnly.FromDateTime(from).AddDays(i))
            .Select(day => byDay.TryGetValue(day, out var d)
                ? new DailySales(day, d.Orders, decimal.Round(d.NetRevenue, 2))
                : new DailySales(day, 0, 0m))
            .ToList();

        return new OverviewSnapshot(
            asOf,
            isHistorical,
            HasOrders: newestOrder is not null,
            customers,
            newCustomers,
            Orders: daily.Sum(d => d.Orders),
            NetRevenue: daily.Sum(d => d.NetRevenue),
            activeCampaigns,
            lastRun,
            daily);
    }

    /// <summary>
    /// The window ends today, unless no order falls in the last 30 days (e.g. an imported 2011 data set):
    /// then it ends on the newest order's day, so that the page shows the data rather than 30 empty days.
    /// </summary>
    internal static (DateOnly AsOf, bool IsHistorical) ResolveAsOf(DateOnly today, DateTime? newestOrder)
    {
        if (newestOrder is null)
        {
            return (today, false);
        }

        var newestDay = DateOnly.FromDateTime(newestOrder.Value);
        return newestDay <= today.AddDays(-OverviewSnapshot.WindowDays) ? (newestDay, true) : (today, false);
    }
}
