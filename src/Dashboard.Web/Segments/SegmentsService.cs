using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Segments;

/// <param name="RevenueShare">This segment's share of the revenue of all segments of the same kind (0..1).</param>
public sealed record SegmentRow(
    int Id,
    string Name,
    SegmentKind Kind,
    string? Description,
    int CustomerCount,
    double Revenue,
    double RevenueShare,
    DateTime ComputedAt)
{
    /// <summary>The customer list filtered to this segment: by RFM segment name, or by cluster number for clusters.</summary>
    public string CustomersHref => Kind == SegmentKind.Cluster && ClusterSegments.NumberOf(Name) is { } cluster
        ? $"/customers?cluster={cluster.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : $"/customers?segment={Uri.EscapeDataString(Name)}";
}

public sealed class SegmentsService(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>All segments (a few dozen at most), grouped by kind, biggest revenue first.</summary>
    public async Task<IReadOnlyList<SegmentRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var segments = await db.Segments
            .AsNoTracking()
            .Select(s => new { s.Id, s.Name, s.Kind, s.Description, s.CustomerCount, s.Revenue, s.ComputedAt })
            .ToListAsync(cancellationToken);

        var revenueByKind = segments.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Sum(s => s.Revenue));
        return segments
            .Select(s => new SegmentRow(
                s.Id,
                s.Name,
                s.Kind,
                s.Description,
                s.CustomerCount,
                s.Revenue,
                revenueByKind[s.Kind] is > 0 and var total ? s.Revenue / total : 0,
                s.ComputedAt))
            .OrderBy(s => s.Kind)
            .ThenByDescending(s => s.Revenue)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }
}
