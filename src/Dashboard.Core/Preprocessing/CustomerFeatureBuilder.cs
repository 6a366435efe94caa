using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Preprocessing;

/// <summary>
/// The preprocessing stage for per-customer features: one row per customer at a cut-off, from orders placed strictly
/// before it, and purchase labels for the window after it, which together make a time-based split for churn and
/// propensity models (features at <c>c</c>, labels over [<c>c</c>, <c>c</c> + n days)). Every number is grouped in the
/// database (one row per customer, or per customer and category / weekday / hour); no order line is loaded.
/// Anonymous orders (no customer) never count here: they only feed item statistics (<see cref="PurchaseSequences"/>).
/// </summary>
public sealed class CustomerFeatureBuilder(IDbContextFactory<DashboardDbContext> contexts)
{
    public const int TopCategoryCount = 3;

    /// <summary>
    /// The day after the newest order (any kind, anonymous included): the cut-off that includes all the data, and the
    /// reference date profiles are measured against. Null when there are no orders.
    /// </summary>
    public async Task<DateTime?> LatestCutoffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAt, cancellationToken);
        return newest?.Date.AddDays(1);
    }

    /// <summary>The first purchase of a known customer: where the history a time-based split can use begins. Null without purchases.</summary>
    public async Task<DateTime?> FirstPurchaseAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.Where(o => o.CustomerId != null && o.Kind == OrderKind.Purchase).MinAsync(o => (DateTime?)o.PlacedAt, cancellationToken);
    }

    /// <summary>
    /// Features of every customer in the table (ordered by id), erased ones included and flagged
    /// (<see cref="CustomerFeatures.IsErased"/>), from orders placed strictly before <paramref name="cutoff"/>.
    /// A customer without purchases before the cut-off (e.g. one who signed up later) gets a row with
    /// <see cref="CustomerFeatures.HasPurchased"/> false; training sets usually filter on it.
    /// </summary>
    public async Task<IReadOnlyList<CustomerFeatures>> BuildAsync(DateTime cutoff, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customers = await CustomersQuery(db).ToListAsync(cancellationToken);
        var totals = await OrderTotalsQuery(db, cutoff).ToDictionaryAsync(t => t.CustomerId, cancellationToken);
        var products = await DistinctProductsQuery(db, cutoff).ToDictionaryAsync(p => p.CustomerId, p => p.Count, cancellationToken);
        var categories = (await CategoryQuantitiesQuery(db, cutoff).ToListAsync(cancellationToken)).ToLookup(q => q.CustomerId);
        var weekdays = (await WeekdayCountsQuery(db, cutoff).ToListAsync(cancellationToken)).ToLookup(c => c.CustomerId);
        var hours = (await HourCountsQuery(db, cutoff).ToListAsync(cancellationToken)).ToLookup(c => c.CustomerId);

        return customers.Select(c =>
        {
            var t = totals.GetValueOrDefault(c.Id) ?? OrderTotals.Empty(c.Id);
            var weekday = Mode(weekdays[c.Id]);
            return new CustomerFeatures
            {
                CustomerId = c.Id,
                IsErased = c.IsErased,
                Cutoff = cutoff,
                Frequency = t.Purchases,
                PurchaseRevenue = Money(t.Revenue),
                ReturnAmount = Money(t.Returns),
                FirstPurchaseAt = t.FirstPurchaseAt,
                LastPurchaseAt = t.LastPurchaseAt,
                OrdersLast30Days = t.Last30Days,
                OrdersLast90Days = t.Last90Days,
                DistinctProducts = products.GetValueOrDefault(c.Id),
                TopCategories = TopCategories(categories[c.Id]),
                PreferredWeekday = weekday is { } day ? (DayOfWeek)day : null,
                PreferredHour = Mode(hours[c.Id]),
            };
        }).ToList();
    }

    /// <summary>
    /// What every customer (as in <see cref="BuildAsync"/>) bought in [<paramref name="from"/>, <paramref name="from"/> +
    /// <paramref name="days"/>): pass the features' cut-off as <paramref name="from"/> for a time-based split. Customers
    /// without a purchase there map to <see cref="PurchaseLabel.None"/> (or to their returns alone).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, PurchaseLabel>> LabelsAsync(DateTime from, int days, CancellationToken cancellationToken = default)
    {
        var window = PurchaseWindow.Days(from, days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var customers = await CustomersQuery(db).ToListAsync(cancellationToken);
        var labels = await LabelsQuery(db, window).ToDictionaryAsync(l => l.CustomerId, cancellationToken);
        return customers.ToDictionary(
            c => c.Id,
            c => labels.TryGetValue(c.Id, out var l) ? new PurchaseLabel(l.Purchases, Money(l.Revenue), Money(l.Returns)) : PurchaseLabel.None);
    }

    /// <summary>Every database query of this stage, for a test that translates them on SQL Server without a server.</summary>
    internal static IEnumerable<IQueryable> Queries(DashboardDbContext db, DateTime cutoff) =>
    [
        CustomersQuery(db), OrderTotalsQuery(db, cutoff), DistinctProductsQuery(db, cutoff), CategoryQuantitiesQuery(db, cutoff),
        WeekdayCountsQuery(db, cutoff), HourCountsQuery(db, cutoff), LabelsQuery(db, PurchaseWindow.Days(cutoff, 30)),
    ];

    private static IQueryable<CustomerRow> CustomersQuery(DashboardDbContext db) =>
        db.Customers.OrderBy(c => c.Id).Select(c => new CustomerRow(c.Id, c.ErasedAt != null));

    private static IQueryable<Order> KnownCustomerOrders(DashboardDbContext db, PurchaseWindow window) =>
        db.Orders.Where(o => o.CustomerId != null).PlacedIn(window);

    private static IQueryable<Order> Purchases(DashboardDbContext db, DateTime cutoff) =>
        KnownCustomerOrders(db, PurchaseWindow.BeforeCutoff(cutoff)).Where(o => o.Kind == OrderKind.Purchase);

    private static IQueryable<OrderTotals> OrderTotalsQuery(DashboardDbContext db, DateTime cutoff)
    {
        var since30 = cutoff.AddDays(-30);
        var since90 = cutoff.AddDays(-90);
        return KnownCustomerOrders(db, PurchaseWindow.BeforeCutoff(cutoff))
            .GroupBy(o => o.CustomerId!.Value)
            .Select(g => new OrderTotals(
                g.Key,
                g.Count(o => o.Kind == OrderKind.Purchase),
                g.Where(o => o.Kind == OrderKind.Purchase).Sum(o => o.Total),
                g.Where(o => o.Kind == OrderKind.Return).Sum(o => o.Total),
                g.Where(o => o.Kind == OrderKind.Purchase).Min(o => (DateTime?)o.PlacedAt),
                g.Where(o => o.Kind == OrderKind.Purchase).Max(o => (DateTime?)o.PlacedAt),
                g.Count(o => o.Kind == OrderKind.Purchase && o.PlacedAt >= since30),
                g.Count(o => o.Kind == OrderKind.Purchase && o.PlacedAt >= since90)));
    }

    private static IQueryable<CustomerCount> DistinctProductsQuery(DashboardDbContext db, DateTime cutoff) =>
        from order in Purchases(db, cutoff)
        join line in db.OrderLines on order.Id equals line.OrderId
        group line by order.CustomerId!.Value into g
        select new CustomerCount(g.Key, g.Select(l => l.ProductId).Distinct().Count());

    private static IQueryable<CategoryQuantity> CategoryQuantitiesQuery(DashboardDbContext db, DateTime cutoff) =>
        from order in Purchases(db, cutoff)
        join line in db.OrderLines on order.Id equals line.OrderId
        group line by new { CustomerId = order.CustomerId!.Value, line.Product!.Category } into g
        select new CategoryQuantity(g.Key.CustomerId, g.Key.Category, g.Sum(l => l.Quantity));

    /// <summary>
    /// Purchase orders per customer and weekday. SQL Server has no translation of <see cref="DateTime.DayOfWeek"/>, so the
    /// weekday is computed the way .NET does it, from the day number since 0001-01-01 (a Monday): (days + 1) mod 7 with
    /// Sunday = 0, where days = 365 y + y/4 - y/100 + y/400 + day-of-year - 1 for the y = year - 1 whole years before.
    /// Year and day-of-year translate on both providers.
    /// </summary>
    private static IQueryable<KeyCount> WeekdayCountsQuery(DashboardDbContext db, DateTime cutoff) =>
        Purchases(db, cutoff)
            .Select(o => new { CustomerId = o.CustomerId!.Value, Years = o.PlacedAt.Year - 1, o.PlacedAt.DayOfYear })
            .GroupBy(o => new { o.CustomerId, Weekday = ((365 * o.Years) + (o.Years / 4) - (o.Years / 100) + (o.Years / 400) + o.DayOfYear) % 7 })
            .Select(g => new KeyCount(g.Key.CustomerId, g.Key.Weekday, g.Count()));

    private static IQueryable<KeyCount> HourCountsQuery(DashboardDbContext db, DateTime cutoff) =>
        Purchases(db, cutoff)
            .GroupBy(o => new { CustomerId = o.CustomerId!.Value, o.PlacedAt.Hour })
            .Select(g => new KeyCount(g.Key.CustomerId, g.Key.Hour, g.Count()));

    private static IQueryable<LabelTotals> LabelsQuery(DashboardDbContext db, PurchaseWindow window) =>
        KnownCustomerOrders(db, window)
            .GroupBy(o => o.CustomerId!.Value)
            .Select(g => new LabelTotals(
                g.Key,
                g.Count(o => o.Kind == OrderKind.Purchase),
                g.Where(o => o.Kind == OrderKind.Purchase).Sum(o => o.Total),
                g.Where(o => o.Kind == OrderKind.Return).Sum(o => o.Total)));

    private static List<CategoryShare> TopCategories(IEnumerable<CategoryQuantity> quantities)
    {
        var list = quantities.ToList();
        var total = list.Sum(q => (long)q.Quantity);
        return total <= 0
            ? []
            : list.OrderByDescending(q => q.Quantity).ThenBy(q => q.Category, StringComparer.Ordinal)
                .Take(TopCategoryCount)
                .Select(q => new CategoryShare(q.Category, (double)q.Quantity / total))
                .ToList();
    }

    /// <summary>The most frequent key; ties go to the smallest key so that the same data always gives the same answer.</summary>
    private static int? Mode(IEnumerable<KeyCount> counts) =>
        counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key).Select(c => (int?)c.Key).FirstOrDefault();

    /// <summary>Totals have two decimals; SQLite sums decimals as doubles, so the cents are restored here.</summary>
    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);

    private sealed record CustomerRow(int Id, bool IsErased);

    private sealed record CustomerCount(int CustomerId, int Count);

    private sealed record CategoryQuantity(int CustomerId, string Category, int Quantity);

    private sealed record KeyCount(int CustomerId, int Key, int Count);

    private sealed record LabelTotals(int CustomerId, int Purchases, decimal Revenue, decimal Returns);

    private sealed record OrderTotals(
        int CustomerId, int Purchases, decimal Revenue, decimal Returns, DateTime? FirstPurchaseAt, DateTime? LastPurchaseAt, int Last30Days, int Last90Days)
    {
        public static OrderTotals Empty(int customerId) => new(customerId, 0, 0m, 0m, null, null, 0, 0);
    }
}
