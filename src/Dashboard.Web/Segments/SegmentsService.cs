using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Segments;

/// <summary>
/// One segment as the last profile run left it, with its history over the loaded runs.
/// </summary>
/// <param name="CustomerShare">This segment's share of the customers in all segments of the same kind (0..1).</param>
/// <param name="RevenueShare">This segment's share of the revenue of all segments of the same kind (0..1).</param>
/// <param name="Sizes">
/// The segment's customer count at each run of <see cref="SegmentsOverview.Runs"/> (oldest first), null at runs that had
/// no segment of this kind and name (a cluster that did not exist yet, or was described differently).
/// </param>
/// <param name="PreviousCount">
/// Its customer count at the run before the last one; null when that run had no segment of this kind and name, or when
/// there was no earlier run (see <see cref="SegmentsOverview.PreviousRun"/>).
/// </param>
public sealed record SegmentRow(
    int Id,
    string Name,
    SegmentKind Kind,
    string? Description,
    int CustomerCount,
    double Revenue,
    double CustomerShare,
    double RevenueShare,
    DateTime ComputedAt,
    IReadOnlyList<int?> Sizes,
    int? PreviousCount)
{
    /// <summary>The customer list filtered to this segment: by RFM segment name, or by cluster number for clusters.</summary>
    public string CustomersHref => Kind == SegmentKind.Cluster && ClusterSegments.NumberOf(Name) is { } cluster
        ? $"/customers?cluster={cluster.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : $"/customers?segment={Uri.EscapeDataString(Name)}";

    /// <summary>Customers gained (positive) or lost since the previous run; null without a previous size.</summary>
    public int? Change => PreviousCount is { } previous ? CustomerCount - previous : null;

    /// <summary>The change relative to the previous size; null without one, or when the segment was empty then.</summary>
    public double? ChangeFraction => PreviousCount is { } previous and > 0 ? (CustomerCount - previous) / (double)previous : null;
}

/// <summary>The segments of the last profile run and the runs their history covers.</summary>
/// <param name="Runs">When each of the latest profile runs computed its segments, oldest first (at most the number asked for).</param>
/// <param name="PreviousRun">The run before the one the segments come from; null while there has been only one.</param>
public sealed record SegmentsOverview(IReadOnlyList<SegmentRow> Segments, IReadOnlyList<DateTime> Runs, DateTime? PreviousRun)
{
    public static SegmentsOverview Empty { get; } = new([], [], null);
}

public sealed class SegmentsService(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>How many profile runs the page's trends cover by default: a month of nightly runs.</summary>
    public const int DefaultRuns = 30;

    /// <summary>
    /// All segments (a few dozen at most), grouped by kind, biggest revenue first, each with its sizes over the latest
    /// <paramref name="runs"/> profile runs. Only those runs' snapshots are read, however long the history is.
    /// </summary>
    public async Task<SegmentsOverview> OverviewAsync(int runs = DefaultRuns, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var segments = await db.Segments
            .AsNoTracking()
            .Select(s => new { s.Id, s.Name, s.Kind, s.Description, s.CustomerCount, s.Revenue, s.ComputedAt })
            .ToListAsync(cancellationToken);
        if (segments.Count == 0)
        {
            return SegmentsOverview.Empty;
        }

        // A run is the instant it computed its segments: every snapshot of one run carries the same ComputedAt. Only the
        // kinds a profile run computes make runs (a custom segment's snapshot would carry its own, older time).
        var runTimes = await db.SegmentSnapshots
            .Where(s => s.Kind == SegmentKind.Rfm || s.Kind == SegmentKind.Cluster)
            .Select(s => s.ComputedAt)
            .Distinct()
            .OrderByDescending(at => at)
            .Take(runs)
            .ToListAsync(cancellationToken);
        runTimes.Reverse();

        var sizes = new Dictionary<(SegmentKind Kind, string Name, DateTime Run), int>();
        if (runTimes.Count > 0)
        {
            var oldest = runTimes[0];
            var snapshots = await db.SegmentSnapshots
                .AsNoTracking()
                .Where(s => s.ComputedAt >= oldest && (s.Kind == SegmentKind.Rfm || s.Kind == SegmentKind.Cluster))
                .Select(s => new { s.Kind, s.Name, s.ComputedAt, s.CustomerCount })
                .ToListAsync(cancellationToken);
            foreach (var s in snapshots)
            {
                sizes[(s.Kind, s.Name, s.ComputedAt)] = s.CustomerCount;
            }
        }

        // The segments table holds the latest run; its history is compared by kind and name, because clusters are
        // renumbered and renamed between runs and a trend only means something for the same name.
        var latest = segments.Max(s => s.ComputedAt);
        var previousRun = runTimes.Where(at => at < latest).Select(at => (DateTime?)at).LastOrDefault();
        var byKind = segments.GroupBy(s => s.Kind).ToDictionary(
            g => g.Key, g => (Customers: g.Sum(s => (long)s.CustomerCount), Revenue: g.Sum(s => s.Revenue)));

        var rows = segments
            .Select(s =>
            {
                var (customers, revenue) = byKind[s.Kind];
                return new SegmentRow(
                    s.Id,
                    s.Name,
                    s.Kind,
                    s.Description,
                    s.CustomerCount,
                    s.Revenue,
                    customers > 0 ? s.CustomerCount / (double)customers : 0,
                    revenue > 0 ? s.Revenue / revenue : 0,
                    s.ComputedAt,
                    [.. runTimes.Select(run => sizes.TryGetValue((s.Kind, s.Name, run), out var count) ? count : (int?)null)],
                    previousRun is { } previous && sizes.TryGetValue((s.Kind, s.Name, previous), out var previousCount) ? previousCount : null);
            })
            .OrderBy(s => s.Kind)
            .ThenByDescending(s => s.Revenue)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        return new SegmentsOverview(rows, runTimes, previousRun);
    }
}
