using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// The database reads of one recommendation request, on one connection: the customer, then their purchases and returns
/// through the preprocessing stage (<see cref="CustomerOrders"/>: one indexed query, split in memory).
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

    /// <summary>The customer with this shop id, unless unknown or erased (null then).</summary>
    public static Task<CustomerPurchases?> ByExternalIdAsync(
        IDbContextFactory<DashboardDbContext> contexts, ServingReadContexts? open, string externalId, CancellationToken cancellationToken) =>
        OnOneConnectionAsync(contexts, open, async db =>
            await IdOfExternalIdAsync(db, externalId, cancellationToken) is { } id ? await CustomerOrders.ReadAsync(db, id, cancellationToken) : null,
            cancellationToken);

    /// <summary>The customer with this internal id, unless unknown or erased (null then).</summary>
    public static Task<CustomerPurchases?> ByIdAsync(
        IDbContextFactory<DashboardDbContext> contexts, ServingReadContexts? open, int customerId, CancellationToken cancellationToken) =>
        OnOneConnectionAsync(contexts, open, async db =>
            await IsServableAsync(db, customerId, cancellationToken) ? await CustomerOrders.ReadAsync(db, customerId, cancellationToken) : null,
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
}
