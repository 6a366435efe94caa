using System.Globalization;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Privacy;

/// <summary>
/// Answers a data-subject erasure request by anonymising the customer in place rather than deleting them: their
/// orders, events, profile, promo list entries, exposures and conversions stay linked to the anonymous row, so revenue,
/// segment sizes and experiment results do not change, while nothing left in the database identifies the person.
/// Everything, the audit entry included, commits in one transaction or not at all.
/// </summary>
public sealed class CustomerEraser(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider clock)
{
    public const string RedactedRowNote = " [raw line removed on an erasure request]";

    public async Task<ErasureResult> EraseAsync(int customerId, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        // SQL Server's retrying strategy only allows a transaction inside it; a retry starts over.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(token => EraseInTransactionAsync(db, customerId, actor, token), ct);
    }

    /// <summary>The shop's own id is a personal identifier too, so it is replaced by one that only says what happened.</summary>
    public static string ErasedExternalId(int customerId) => string.Create(CultureInfo.InvariantCulture, $"erased-{customerId}");

    private async Task<ErasureResult> EraseInTransactionAsync(DashboardDbContext db, int customerId, string actor, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return ErasureResult.NotFound(customerId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var externalId = ErasedExternalId(customerId);
        // The condition on ErasedAt makes this the claim: of two concurrent erasures only one changes the row.
        var claimed = await db.Customers.Where(c => c.Id == customerId && c.ErasedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ExternalId, externalId)
            .SetProperty(c => c.FirstName, (string?)null)
            .SetProperty(c => c.LastName, (string?)null)
            .SetProperty(c => c.Email, (string?)null)
            .SetProperty(c => c.Phone, (string?)null)
            .SetProperty(c => c.EmailOptIn, false)
            .SetProperty(c => c.PushOptIn, false)
            .SetProperty(c => c.AdsOptIn, false)
            .SetProperty(c => c.ErasedAt, now), ct);
        if (claimed == 0)
        {
            return ErasureResult.AlreadyErased(customerId, customer.ErasedAt);
        }

        // So that an import of an older file does not bring the person back (the importers check this list).
        var suppressed = ErasedIdentifier.HashOf(customer.ExternalId);
        if (!await db.ErasedIdentifiers.AnyAsync(e => e.Hash == suppressed, ct))
        {
            db.ErasedIdentifiers.Add(new ErasedIdentifier { Hash = suppressed, ErasedAt = now });
        }

        var person = new PersonalIdentifiers(customer);
        var rejectedRows = await RedactRejectedRowsAsync(db, person, ct);
        var (renamedSessions, events) = await SessionPseudonyms.RenameAsync(db, customerId, ct);
        var sessions = renamedSessions.Count;
        var sessionHashes = renamedSessions.Select(ErasedIdentifier.HashOfSession).ToList();
        var listed = await db.ErasedIdentifiers.Where(e => EF.Parameter(sessionHashes).Contains(e.Hash)).Select(e => e.Hash).ToListAsync(ct);
        db.ErasedIdentifiers.AddRange(sessionHashes.Except(listed, StringComparer.Ordinal).Select(h => new ErasedIdentifier { Hash = h, ErasedAt = now }));
        var freeText = await FreeTextRedaction.RedactAsync(db, person, ct);
        var result = new ErasureResult(ErasureOutcome.Erased, customerId, now, rejectedRows, sessions, events, freeText);

        audit.Add(db, actor, AuditActions.CustomerErased, AuditEntities.Customer, customerId.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture,
                $"{rejectedRows} rejected import rows redacted, {sessions} sessions renamed, {freeText} free-text fields redacted"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Rejected lines may quote the person (that is why they failed). The row stays, so that an import's counts still
    /// add up, but its raw line goes and its reason says so.
    /// </summary>
    private static async Task<int> RedactRejectedRowsAsync(DashboardDbContext db, PersonalIdentifiers person, CancellationToken ct)
    {
        var candidates = await db.ImportRejectedRows
            .Where(person.MayBeMentionedIn<ImportRejectedRow>(nameof(ImportRejectedRow.RawLine), nameof(ImportRejectedRow.Reason)))
            .ToListAsync(ct);
        var redacted = candidates.Where(r => person.AreMentionedIn(r.RawLine) || person.AreMentionedIn(r.Reason)).ToList();
        var maxReason = db.Model.FindEntityType(typeof(ImportRejectedRow))!.FindProperty(nameof(ImportRejectedRow.Reason))!.GetMaxLength() ?? int.MaxValue;
        foreach (var row in redacted)
        {
            var reason = person.Redact(row.Reason);
            row.Reason = reason[..Math.Min(reason.Length, maxReason - RedactedRowNote.Length)] + RedactedRowNote;
            row.RawLine = null;
        }

        return redacted.Count;
    }
}
