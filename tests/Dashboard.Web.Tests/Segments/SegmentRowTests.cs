using Dashboard.Core.Profiles;
using Dashboard.Web.Segments;

namespace Dashboard.Web.Tests.Segments;

public sealed class SegmentRowTests
{
    private static readonly DateTime At = new(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CustomersHref_FiltersByCluster_ForClusterSegments()
    {
        var row = new SegmentRow(1, "Cluster 2: Lapsed one-time buyers", SegmentKind.Cluster, null, 10, 100, 0.1, At);

        Assert.Equal("/customers?cluster=2", row.CustomersHref);
    }

    [Fact]
    public void CustomersHref_FiltersBySegmentName_ForRfmSegments()
    {
        var row = new SegmentRow(1, "Can't Lose Them", SegmentKind.Rfm, null, 10, 100, 0.1, At);

        Assert.Equal("/customers?segment=Can%27t%20Lose%20Them", row.CustomersHref);
    }
}
