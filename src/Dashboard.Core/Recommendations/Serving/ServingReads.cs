using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// What serving reads about one customer: their purchases (as <see cref="PurchaseSequences.ForCustomersAsync"/> gives
/// them with an open window) and the products they returned (as <see cref="PurchaseSequences.ReturnedProductsAsync"/>).
/// </summary>
internal sealed record CustomerPurchases(int CustomerId, IReadOnlyList<PurchaseStep> History, IReadOnlySet<int> Returned);

/// <summary>
/// The database reads of one recommendation request, on one connection: the customer, then all their order lines,
/// purchases and returns in one indexed query (orders by customer id and time, lines by order id), split in memory.
/// One connection matters on SQLite: EF Core registers about a dozen SQL functions on every connection it opens and
/// removes them when it closes it, which costs more than the queries here; and every query EF runs on a closed
/// connection opens and closes it. With <see cref="ServingReadContexts"/> the connection is one kept open.
/// </summary>
internal static class ServingReads
{
    // Plain LINQ rather than EF.CompileAsyncQuery: a compiled query is bound to the model of the first context that runs
    // it, and contexts configured differently (tests, tools) have models of their own. EF's query cache still compiles
    // each shape once.
    private static Task<int?> IdOfExternalIdAsync(DashboardDbContext db, string externalId, CancellationToken cancellationToken) =>
        db.Customers.Where(c => c.ExternalId == externalId && c.ErasedAt == null).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken);

    private static Task<bool> IsServableAsync(DashboardDbContext db, int customerId, CancellationToken cancellationToken) =>
        db.Customers.AnyAsync(c => c.Id == customerId && c.ErasedAt == null, cancellationToken);

    /// <summary>Every line of the customer's orders, both kinds, in the purchase sequences' order (time, order, line).</summary>
    private static IAsyncEnumerable<LineRow> LinesOf(DashboardDbContext db, int customerId) =>
        (from order in db.Orders
         where order.CustomerId == customerId
         join line in db.OrderLines on order.Id equals line.OrderId
         orderby order.PlacedAt, order.Id, line.Id
         select new LineRow(order.Kind, order.PlacedAt, order.Id, line.Id, line.ProductId, line.Quantity)).AsAsyncEnumerable();

    /// <summary>The customer with this shop id, unless unknown or erased (null then).</summary>
    public static Task<CustomerPurchases?> ByExternalIdAsync(
        IDbContextFactory<DashboardDbContext> contexts, ServingReadContexts? open, string externalId, CancellationToken cancellationToken) =>
        OnOneConnectionAsync(contexts, open, async db =>
            await IdOfExternalIdAsync(db, externalId, cancellationToken) is { } id ? await ReadAsync(db, id, cancellationToken) : null,
            cancellationToken);

    /// <summary>The customer with this internal id, unless unknown or erased (null then).</summary>
    public static Task<CustomerPurchases?> ByIdAsync(
        IDbContextFactory<DashboardDbContext> contexts, ServingReadContexts? open, int customerId, CancellationToken cancellationToken) =>
        OnOneConnectionAsync(contexts, open, async db =>
            await IsServableAsync(db, customerId, cancellationToken) ? await ReadAsync(db, customerId, cancellationToken) : null,
            cancellationToken);

    /// <summary>On a context of <paramref name="open"/> when there is one, else on a new context opened for this read.</summary>
    private static async Task<T> OnOneConnectionAsync<T>(
        IDbContextFactory<DashboardDbContext> contexts, ServingReadContexts? open, Func<DashboardDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        if (open is not null)
        {
            return await open.ReadAsync(read, cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await read(db);
    }

    private static async Task<CustomerPurchases> ReadAsync(DashboardDbContext db, int customerId, CancellationToken cancellationToken)
    {
        var history = new List<PurchaseStep>();
        var returned = new HashSet<int>();
        await foreach (var row in LinesOf(db, customerId).WithCancellation(cancellationToken))
        {
            if (row.Kind == OrderKind.Purchase)
            {
                history.Add(new PurchaseStep(row.PlacedAt, row.OrderId, row.LineId, row.ProductId, row.Quantity));
            }
            else if (row.Kind == OrderKind.Return)
            {
                returned.Add(row.ProductId);
            }
        }

        return new CustomerPurchases(customerId, history, returned);
    }

    private sealed record LineRow(OrderKind Kind, DateTime PlacedAt, int OrderId, int LineId, int ProductId, int Quantity);
}
