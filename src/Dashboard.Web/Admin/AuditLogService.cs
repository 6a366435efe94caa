using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Admin;

public sealed record AuditQuery(string? Actor, string? Action, string? EntityType, string? EntityId, DateTime? From, DateTime? To, int Page, int PageSize);

public sealed record AuditRow(long Id, DateTime At, string Actor, string Action, string? EntityType, string? EntityId, string? Details);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int TotalCount);

/// <summary>Searches the audit log, newest first, paged in the database.</summary>
public sealed class AuditLogService(IDbContextFactory<DashboardDbContext> contexts)
{
    public const int MaxPageSize = 200;

    public static IReadOnlyList<string> Actions { get; } =
    [
        AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.LockedOut, AuditActions.ProfileViewed,
        AuditActions.CustomerExported, AuditActions.CustomerErased, AuditActions.ContactListExported,
        AuditActions.FileImported, AuditActions.ImportRowsExported,
        AuditActions.UserCreated, AuditActions.RolesChanged, AuditActions.UserLocked, AuditActions.PasswordReset, AuditActions.PasswordChanged,
        AuditActions.ApiKeyCreated, AuditActions.ApiKeyRevoked,
    ];

    public static IReadOnlyList<string> EntityTypes { get; } =
        [AuditEntities.Customer, AuditEntities.Campaign, AuditEntities.User, AuditEntities.ApiKey, AuditEntities.ImportRun];

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            entries = entries.Where(e => e.Actor.Contains(query.Actor.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(e => e.EntityId == query.EntityId.Trim());
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            // "To" is a day picked in a calendar: include all of it.
            var end = to.Date.AddDays(1);
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await entries
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize)
            .Take(pageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Action, e.EntityType, e.EntityId, e.Details))
            .ToListAsync(ct);
        return new AuditPage(rows, total);
    }
}
