using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Segments;

/// <summary>
/// Writes profile runs' segments straight into a test database as <see cref="ProfileBuilder"/> leaves them: the segment
/// table replaced by the run's segments, and one snapshot per segment, all stamped with the run's time.
/// </summary>
public sealed class SegmentHistory(IDbContextFactory<DashboardDbContext> contexts)
{
    public static readonly DateTime FirstRun = new(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>The n-th nightly run (0-based) after <see cref="FirstRun"/>.</summary>
    public static DateTime Night(int n) => FirstRun.AddDays(n);

    public async Task RunAsync(DateTime at, params (SegmentKind Kind, string Name, int Customers, double Revenue)[] segments)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Segments.ExecuteDeleteAsync();
        db.Segments.AddRange(segments.Select(s => new Segment { Name = s.Name, Kind = s.Kind, CustomerCount = s.Customers, Revenue = s.Revenue, ComputedAt = at }));
        db.SegmentSnapshots.AddRange(segments.Select(s => new SegmentSnapshot
        {
            Name = s.Name,
            Kind = s.Kind,
            CustomerCount = s.Customers,
            Revenue = s.Revenue,
            ReferenceDate = at.Date,
            ComputedAt = at,
        }));
        await db.SaveChangesAsync();
    }
}
