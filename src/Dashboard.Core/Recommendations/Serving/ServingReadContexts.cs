using System.Collections.Concurrent;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// A few database contexts kept with their SQLite connection open, for the reads of recommendation requests
/// (<see cref="ServingReads"/>). On SQLite, EF Core registers about a dozen SQL functions on every connection it opens
/// and removes them when it closes it: measured, that was most of a request's database time. A context here is used by
/// one request at a time and put back open; its reads are single statements in autocommit, so each sees the latest
/// committed data, and an idle open connection does not hold back WAL checkpoints. On other providers the driver's own
/// pool already makes opening cheap (and checks connections' health), so contexts are not kept there. A singleton;
/// disposing it closes the idle contexts.
/// </summary>
public sealed class ServingReadContexts(IDbContextFactory<DashboardDbContext> contexts) : IDisposable
{
    /// <summary>Idle contexts kept at most; more are made when more requests read at once, and closed afterwards.</summary>
    public static readonly int MaxIdle = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly ConcurrentBag<DashboardDbContext> _idle = [];
    private int _idleCount;
    private bool? _keeps;
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="read"/> on a context whose connection is open, then keeps the context (or disposes it).</summary>
    internal async Task<T> ReadAsync<T>(Func<DashboardDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        var db = Take() ?? await OpenAsync(cancellationToken);
        var reusable = false;
        try
        {
            var result = await read(db);
            reusable = true;
            return result;
        }
        finally
        {
            // A read that failed (or was cancelled) may leave the connection in any state: never reuse it.
            Give(db, reusable);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var db))
        {
            db.Dispose();
        }
    }

    private DashboardDbContext? Take()
    {
        if (_idle.TryTake(out var db))
        {
            Interlocked.Decrement(ref _idleCount);
            return db;
        }

        return null;
    }

    private async Task<DashboardDbContext> OpenAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            _keeps ??= db.Database.IsSqlite();
            await db.Database.OpenConnectionAsync(cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private void Give(DashboardDbContext db, bool reusable)
    {
        if (reusable && _keeps == true && !_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                db.ChangeTracker.Clear();
                _idle.Add(db);
                if (_disposed)
                {
                    // Raced with Dispose, which may have emptied the bag before this context went in.
                    Dispose();
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        db.Dispose();
    }
}
