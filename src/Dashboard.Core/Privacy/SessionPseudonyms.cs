using System.Globalization;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Privacy;

/// <summary>
/// Renames the sessions an erased customer took part in. The shop's session id is often a cookie value (an online
/// identifier) and in the demo data it even spells the customer's number, so it must not survive. Every event of such
/// a session is renamed, anonymous ones and other customers' included, so sessions still group the same events and
/// session counts, funnels and sequence models see the same data as before.
/// </summary>
internal static class SessionPseudonyms
{
    public static string For(int customerId, int sessionNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"erased-{customerId}-{sessionNumber}");

    /// <summary>Renames the sessions; returns their original ids (for the erasure list) and how many events changed.</summary>
    public static async Task<(IReadOnlyList<string> Sessions, int Events)> RenameAsync(DashboardDbContext db, int customerId, CancellationToken ct)
    {
        var own = await db.Events.Where(e => e.CustomerId == customerId)
            .Select(e => new { e.Id, e.SessionId, e.OccurredAt }).ToListAsync(ct);
        var sessions = own.GroupBy(e => e.SessionId)
            .OrderBy(g => g.Min(e => e.OccurredAt)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        if (sessions.Count == 0)
        {
            return ([], 0);
        }

        // SessionId has no index: one scan finds the other events of all these sessions.
        var others = await db.Events.Where(e => e.CustomerId != customerId && sessions.Contains(e.SessionId))
            .Select(e => new { e.Id, e.SessionId }).ToListAsync(ct);
        var eventIds = own.Select(e => (e.Id, e.SessionId)).Concat(others.Select(e => (e.Id, e.SessionId))).ToLookup(e => e.SessionId, e => e.Id);

        var renamed = 0;
        for (var i = 0; i < sessions.Count; i++)
        {
            var ids = eventIds[sessions[i]].ToList();
            var pseudonym = For(customerId, i + 1);
            renamed += await db.Events.Where(e => ids.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SessionId, pseudonym), ct);
        }

        return (sessions, renamed);
    }
}
