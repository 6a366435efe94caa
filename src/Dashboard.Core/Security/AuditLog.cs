using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Security;

/// <summary>
/// Writes audit entries. <see cref="Add"/> stages one in the caller's unit of work, so that the entry and the
/// change it records commit together; <see cref="RecordAsync"/> is for reads (views, exports) that change nothing else.
/// </summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    public AuditEntry Add(DashboardDbContext db, string actor, string action, string? entityType = null, string? entityId = null, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task RecordAsync(string actor, string action, string? entityType = null, string? entityId = null, string? details = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        Add(db, actor, action, entityType, entityId, details);
        await db.SaveChangesAsync(ct);
    }
}
