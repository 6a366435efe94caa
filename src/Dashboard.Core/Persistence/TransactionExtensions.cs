using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Persistence;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the provider's execution strategy. SQL Server's strategy
    /// (EnableRetryOnFailure) refuses a transaction opened outside it, and on a transient failure it runs the whole
    /// work again, so each attempt starts with an empty change tracker and <paramref name="work"/> must build the
    /// entities it saves rather than reuse ones an earlier attempt may have half-saved.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DashboardDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);
    }

    public static Task InTransactionAsync(this DashboardDbContext db, Func<CancellationToken, Task> work, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            await work(token);
            return true;
        }, ct);
}
