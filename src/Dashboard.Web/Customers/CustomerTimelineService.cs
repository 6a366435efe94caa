using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Customers;

public enum TimelineFilter
{
    All = 0,
    Orders = 1,
    Events = 2,
}

public sealed record TimelineOrder(int Id, string InvoiceNo, OrderKind Kind, int Lines, decimal Total);

public sealed record TimelineEvent(long Id, EventType Type, string? Product, string? Campaign);

/// <summary>One line of a customer's timeline: an order or a behaviour event (exactly one of the two is set).</summary>
public sealed record TimelineEntry(DateTime At, TimelineOrder? Order, TimelineEvent? Event);

public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, int TotalCount);

/// <summary>
/// A customer's orders and behaviour events merged newest first, one page at a time. Both the merge and the paging run
/// in SQL (a customer can have thousands of events); only the page's rows are then read in full.
/// </summary>
public sealed class CustomerTimelineService(IDbContextFactory<DashboardDbContext> contexts)
{
    public const int PageSize = 20;

    // At the same instant an order sorts before the events it caused, so the invoice heads its purchase events.
    private const int OrderSource = 0;
    private const int EventSource = 1;

    public async Task<TimelinePage> PageAsync(int customerId, TimelineFilter filter, int page, int pageSize = PageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);

        var total = (filter == TimelineFilter.Events ? 0 : await OrdersOf(db, customerId).CountAsync(ct))
                    + (filter == TimelineFilter.Orders ? 0 : await EventsOf(db, customerId).CountAsync(ct));
        var keys = await PageQuery(db, customerId, filter, page * pageSize, pageSize).ToListAsync(ct);
        if (keys.Count == 0)
        {
            return new TimelinePage([], total);
        }

        var orderIds = keys.Where(k => k.Source == OrderSource).Select(k => (int)k.Id).ToList();
        var eventIds = keys.Where(k => k.Source == EventSource).Select(k => k.Id).ToList();
        var orders = await OrderDetails(db, orderIds).ToDictionaryAsync(o => o.Id, ct);
        var events = await EventDetails(db, eventIds).ToDictionaryAsync(e => e.Id, ct);

        var entries = keys.Select(k => k.Source == OrderSource
            ? new TimelineEntry(k.At, orders[(int)k.Id], null)
            : new TimelineEntry(k.At, null, events[k.Id])).ToList();
        return new TimelinePage(entries, total);
    }

    /// <summary>Every database query of the timeline, for a test that translates them on SQL Server without a server.</summary>
    internal static IEnumerable<IQueryable> Queries(DashboardDbContext db) =>
    [
        PageQuery(db, 1, TimelineFilter.All, 40, 20), PageQuery(db, 1, TimelineFilter.Orders, 0, 20), PageQuery(db, 1, TimelineFilter.Events, 0, 20),
        OrderDetails(db, [1, 2]), EventDetails(db, [1L, 2L]),
    ];

    /// <summary>
    /// The keys of one page. Each side is cut to the rows the page could need before the union (an index range scan on
    /// (CustomerId, time)), so a page never sorts more than skip + take rows of either kind.
    /// </summary>
    private static IQueryable<TimelineKey> PageQuery(DashboardDbContext db, int customerId, TimelineFilter filter, int skip, int take)
    {
        var orders = OrdersOf(db, customerId)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(skip + take)
            .Select(o => new TimelineKey { At = o.PlacedAt, Source = OrderSource, Id = o.Id });
        var events = EventsOf(db, customerId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(skip + take)
            .Select(e => new TimelineKey { At = e.OccurredAt, Source = EventSource, Id = e.Id });
        var merged = filter switch
        {
            TimelineFilter.Orders => orders,
            TimelineFilter.Events => events,
            _ => orders.Concat(events),
        };
        return merged.OrderByDescending(k => k.At).ThenBy(k => k.Source).ThenByDescending(k => k.Id).Skip(skip).Take(take);
    }

    private static IQueryable<Order> OrdersOf(DashboardDbContext db, int customerId) => db.Orders.Where(o => o.CustomerId == customerId);

    private static IQueryable<BehaviorEvent> EventsOf(DashboardDbContext db, int customerId) => db.Events.Where(e => e.CustomerId == customerId);

    private static IQueryable<TimelineOrder> OrderDetails(DashboardDbContext db, List<int> ids) =>
        db.Orders.Where(o => ids.Contains(o.Id)).Select(o => new TimelineOrder(o.Id, o.InvoiceNo, o.Kind, o.Lines.Count, o.Total));

    private static IQueryable<TimelineEvent> EventDetails(DashboardDbContext db, List<long> ids) =>
        from e in db.Events
        where ids.Contains(e.Id)
        join p in db.Products on e.ProductId equals p.Id into products
        from p in products.DefaultIfEmpty()
        join c in db.Campaigns on e.CampaignId equals c.Id into campaigns
        from c in campaigns.DefaultIfEmpty()
        select new TimelineEvent(e.Id, e.Type, p == null ? null : p.Name, c == null ? null : c.Name);

    /// <summary>A member-initialised class, not a record: EF Core can only union projections it can see into.</summary>
    private sealed class TimelineKey
    {
        public DateTime At { get; init; }
        public int Source { get; init; }
        public long Id { get; init; }
    }
}
