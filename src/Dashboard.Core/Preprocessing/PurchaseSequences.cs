using System.Runtime.CompilerServices;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Preprocessing;

/// <summary>
/// The preprocessing stage for sequence models and item statistics: per-customer purchase sequences in a window, read
/// page by page (a page is a bounded number of customers, read with its own short-lived context, so neither memory nor
/// an open reader grows with the shop), the same split at a cut-off for temporal evaluation, and item popularity.
/// Sequences hold purchase orders of known customers only, returns excluded; erased customers keep theirs (their rows
/// are anonymised, and a model is an aggregate), so code that addresses people must skip erased customers itself.
/// Anonymous orders count only in <see cref="PopularityAsync"/>.
/// </summary>
public sealed class PurchaseSequences(IDbContextFactory<DashboardDbContext> contexts)
{
    public const int DefaultCustomersPerPage = 500;

    /// <summary>When the newest purchase order (anonymous included) was placed; null when there is none.</summary>
    public async Task<DateTime?> NewestPurchaseAtAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.Where(o => o.Kind == OrderKind.Purchase).MaxAsync(o => (DateTime?)o.PlacedAt, cancellationToken);
    }

    /// <summary>When the oldest purchase order (anonymous included) was placed; null when there is none.</summary>
    public async Task<DateTime?> OldestPurchaseAtAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Orders.Where(o => o.Kind == OrderKind.Purchase).MinAsync(o => (DateTime?)o.PlacedAt, cancellationToken);
    }

    /// <summary>
    /// Every customer with a purchase in <paramref name="window"/>, in customer id order, each with their purchases in
    /// it. At most <paramref name="customersPerPage"/> customers' lines are in memory at a time.
    /// </summary>
    public IAsyncEnumerable<CustomerSequence> ReadAsync(
        PurchaseWindow window, int customersPerPage = DefaultCustomersPerPage, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customersPerPage);
        return ReadPagesAsync(window, customersPerPage, cancellationToken);
    }

    /// <summary>
    /// Every customer with a purchase before <paramref name="cutoff"/> or in the <paramref name="heldOutDays"/> after it,
    /// in customer id order, their sequence split at the cut-off: training sees the history, evaluation the held-out
    /// next purchases. Customers who first buy after the cut-off come with an empty history (cold start).
    /// </summary>
    public IAsyncEnumerable<SequenceSplit> ReadSplitAsync(
        DateTime cutoff, int heldOutDays, int customersPerPage = DefaultCustomersPerPage, CancellationToken cancellationToken = default)
    {
        var window = new PurchaseWindow(null, PurchaseWindow.Days(cutoff, heldOutDays).Before);
        return SplitAsync(ReadAsync(window, customersPerPage, cancellationToken), cutoff, cancellationToken);
    }

    /// <summary>The purchases in <paramref name="window"/> of the given customers; every requested id is in the result.</summary>
    public async Task<IReadOnlyDictionary<int, CustomerSequence>> ForCustomersAsync(
        IReadOnlyCollection<int> customerIds, PurchaseWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var wanted = customerIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, CustomerSequence>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One JSON parameter, not one per id: a launch asks for tens of thousands (SQLite allows 32,766 parameters, SQL Server 2,100).
        var orders = KnownPurchases(db, window).Where(o => EF.Parameter(wanted).Contains(o.CustomerId!.Value));
        var sequences = Group(await StepsQuery(db, orders).ToListAsync(cancellationToken)).ToDictionary(s => s.CustomerId);
        return wanted.ToDictionary(id => id, id => sequences.GetValueOrDefault(id) ?? new CustomerSequence(id, []));
    }

    /// <summary>The products a customer ever returned: serving does not offer them to that customer again.</summary>
    public async Task<IReadOnlySet<int>> ReturnedProductsAsync(int customerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ReturnedProductsQuery(db, customerId).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>
    /// The products each of the given customers returned before <paramref name="before"/>, for serving many at once (a
    /// promo list); every requested id is in the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlySet<int>>> ReturnedProductsAsync(
        IReadOnlyCollection<int> customerIds, DateTime before, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var wanted = customerIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var returned = wanted.Count == 0 ? [] : await ReturnedProductsQuery(db, wanted, before).ToListAsync(cancellationToken);
        var byCustomer = returned.GroupBy(r => r.CustomerId).ToDictionary(g => g.Key, g => g.Select(r => r.ProductId).ToHashSet());
        return wanted.ToDictionary(id => id, id => (IReadOnlySet<int>)(byCustomer.GetValueOrDefault(id) ?? []));
    }

    /// <summary>
    /// Sales per product in <paramref name="window"/>, anonymous orders included (they are real demand), most purchase
    /// orders first, ties by product id so that the same data always ranks the same way. Inactive products are
    /// included and flagged.
    /// </summary>
    public async Task<IReadOnlyList<ItemPopularity>> PopularityAsync(PurchaseWindow window, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await PopularityQuery(db, window).ToListAsync(cancellationToken);
        return [.. items.OrderByDescending(i => i.Orders).ThenBy(i => i.ProductId)];
    }

    /// <summary>Every database query of this stage, for a test that translates them on SQL Server without a server.</summary>
    internal static IEnumerable<IQueryable> Queries(DashboardDbContext db, DateTime cutoff)
    {
        var window = PurchaseWindow.BeforeCutoff(cutoff);
        int[] ids = [1, 2];
        return
        [
            PageCustomersQuery(db, window, 0, 10), StepsQuery(db, PageOrders(db, window, 0, 10)),
            StepsQuery(db, KnownPurchases(db, window).Where(o => EF.Parameter(ids).Contains(o.CustomerId!.Value))), PopularityQuery(db, window),
            ReturnedProductsQuery(db, 1),
            ReturnedProductsQuery(db, [.. ids], cutoff),
        ];
    }

    private static async IAsyncEnumerable<SequenceSplit> SplitAsync(
        IAsyncEnumerable<CustomerSequence> sequences, DateTime cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var sequence in sequences.WithCancellation(cancellationToken))
        {
            var steps = sequence.Steps;
            var split = 0;
            while (split < steps.Count && steps[split].PlacedAt < cutoff)
            {
                split++;
            }

            yield return new SequenceSplit(sequence.CustomerId, [.. steps.Take(split)], [.. steps.Skip(split)]);
        }
    }

    private async IAsyncEnumerable<CustomerSequence> ReadPagesAsync(
        PurchaseWindow window, int customersPerPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = int.MinValue;
        while (true)
        {
            var page = await ReadPageAsync(window, after, customersPerPage, cancellationToken);
            foreach (var sequence in page)
            {
                yield return sequence;
            }

            if (page.Count < customersPerPage)
            {
                yield break;
            }

            after = page[^1].CustomerId;
        }
    }

    /// <summary>The next customers after <paramref name="after"/> (keyset paging on the customer id), then their lines.</summary>
    private async Task<List<CustomerSequence>> ReadPageAsync(PurchaseWindow window, int after, int customers, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await PageCustomersQuery(db, window, after, customers).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }

        return Group(await StepsQuery(db, PageOrders(db, window, after, ids[^1])).ToListAsync(cancellationToken));
    }

    private static IQueryable<Order> KnownPurchases(DashboardDbContext db, PurchaseWindow window) =>
        db.Orders.Where(o => o.CustomerId != null && o.Kind == OrderKind.Purchase).PlacedIn(window);

    private static IQueryable<int> ReturnedProductsQuery(DashboardDbContext db, int customerId) =>
        db.Orders.Where(o => o.CustomerId == customerId && o.Kind == OrderKind.Return).SelectMany(o => o.Lines).Select(l => l.ProductId).Distinct();

    private static IQueryable<CustomerProduct> ReturnedProductsQuery(DashboardDbContext db, List<int> customerIds, DateTime before) =>
        db.Orders.Where(o => o.Kind == OrderKind.Return && o.PlacedAt < before && EF.Parameter(customerIds).Contains(o.CustomerId!.Value))
            .SelectMany(o => o.Lines, (o, l) => new CustomerProduct(o.CustomerId!.Value, l.ProductId))
            .Distinct();

    private static IQueryable<int> PageCustomersQuery(DashboardDbContext db, PurchaseWindow window, int after, int customers) =>
        KnownPurchases(db, window).Where(o => o.CustomerId > after)
            .Select(o => o.CustomerId!.Value).Distinct().OrderBy(id => id).Take(customers);

    private static IQueryable<Order> PageOrders(DashboardDbContext db, PurchaseWindow window, int after, int last) =>
        KnownPurchases(db, window).Where(o => o.CustomerId > after && o.CustomerId <= last);

    private static IQueryable<StepRow> StepsQuery(DashboardDbContext db, IQueryable<Order> orders) =>
        from order in orders
        join line in db.OrderLines on order.Id equals line.OrderId
        orderby order.CustomerId, order.PlacedAt, order.Id, line.Id
        select new StepRow(order.CustomerId!.Value, order.PlacedAt, order.Id, line.Id, line.ProductId, line.Quantity);

    private static IQueryable<ItemPopularity> PopularityQuery(DashboardDbContext db, PurchaseWindow window) =>
        from order in db.Orders.Where(o => o.Kind == OrderKind.Purchase).PlacedIn(window)
        join line in db.OrderLines on order.Id equals line.OrderId
        group line by new { line.ProductId, line.Product!.Category, line.Product.IsActive } into g
        select new ItemPopularity(g.Key.ProductId, g.Key.Category, g.Key.IsActive, g.Select(l => l.OrderId).Distinct().Count(), g.Sum(l => l.Quantity));

    /// <summary>Rows arrive ordered by customer, so each customer's steps are one run.</summary>
    private static List<CustomerSequence> Group(List<StepRow> rows)
    {
        var sequences = new List<CustomerSequence>();
        for (var start = 0; start < rows.Count;)
        {
            var customerId = rows[start].CustomerId;
            var end = start;
            while (end < rows.Count && rows[end].CustomerId == customerId)
            {
                end++;
            }

            var steps = new PurchaseStep[end - start];
            for (var i = start; i < end; i++)
            {
                var r = rows[i];
                steps[i - start] = new PurchaseStep(r.PlacedAt, r.OrderId, r.LineId, r.ProductId, r.Quantity);
            }

            sequences.Add(new CustomerSequence(customerId, steps));
            start = end;
        }

        return sequences;
    }

    private sealed record StepRow(int CustomerId, DateTime PlacedAt, int OrderId, int LineId, int ProductId, int Quantity);

    private sealed record CustomerProduct(int CustomerId, int ProductId);
}
