using Dashboard.Core.Ingestion;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Data;

public sealed record TableCounts(long Customers, long Products, long Orders, long OrderLines, long Events);

public sealed record ImportRunRow(
    int Id,
    string Source,
    string Format,
    ImportStatus Status,
    DateTime StartedAt,
    DateTime? FinishedAt,
    long RowsRead,
    long RowsAccepted,
    long RowsRejected,
    long RowsFlagged,
    string? Error)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;
}

/// <summary>What data the product holds: row counts of the main tables and the import history.</summary>
public sealed class DataInventoryService(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<TableCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new TableCounts(
            await db.Customers.LongCountAsync(cancellationToken),
            await db.Products.LongCountAsync(cancellationToken),
            await db.Orders.LongCountAsync(cancellationToken),
            await db.OrderLines.LongCountAsync(cancellationToken),
            await db.Events.LongCountAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<ImportRunRow>> RecentImportsAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ImportRuns
            .OrderByDescending(r => r.StartedAt)
            .ThenByDescending(r => r.Id)
            .Take(take)
            .Select(r => new ImportRunRow(
                r.Id, r.Source, r.Format, r.Status, r.StartedAt, r.FinishedAt,
                r.RowsRead, r.RowsAccepted, r.RowsRejected, r.RowsFlagged, r.Error))
            .ToListAsync(cancellationToken);
    }
}
