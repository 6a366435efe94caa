using Dashboard.Core.Profiles;
using Dashboard.Web.Segments;

namespace Dashboard.Web.Tests.Segments;

public sealed class SegmentRowTests
{
    private static readonly DateTime At = new(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void CustomersHref_FiltersByCluster_ForClusterSegments()
    {
        var row = Row("Cluster 2: Lapsed one-time buyers", SegmentKind.Cluster, 10, previous: null);

        Assert.Equal("/customers?cluster=2", row.CustomersHref);
    }

    [Fact]
    public void CustomersHref_FiltersBySegmentName_ForRfmSegments()
    {
        var row = Row("Can't Lose Them", SegmentKind.Rfm, 10, previous: null);

        Assert.Equal("/customers?segment=Can%27t%20Lose%20Them", row.CustomersHref);
    }

    [Theory]
    [InlineData(12, 10, 2, 0.2)]
    [InlineData(15, 20, -5, -0.25)]
    [InlineData(7, 7, 0, 0.0)]
    public void Change_IsTheDifferenceToThePreviousRun_WithItsFraction(int count, int previous, int change, double fraction)
    {
        var row = Row("Champions", SegmentKind.Rfm, count, previous);

        Assert.Equal(change, row.Change);
        Assert.Equal(fraction, row.ChangeFraction!.Value, 10);
    }

    [Fact]
    public void ChangeFraction_IsNull_WhenTheSegmentWasEmptyBefore()
    {
        var row = Row("At Risk", SegmentKind.Rfm, 3, previous: 0);

        Assert.Equal(3, row.Change);
        Assert.Null(row.ChangeFraction);
    }

    [Fact]
    public void Change_IsNull_WhenThereIsNoPreviousSize()
    {
        var row = Row("Cluster 1: Bargain hunters", SegmentKind.Cluster, 3, previous: null);

        Assert.Null(row.Change);
        Assert.Null(row.ChangeFraction);
    }

    private static SegmentRow Row(string name, SegmentKind kind, int count, int? previous) =>
        new(1, name, kind, null, count, 100, 0.1, 0.1, At, [previous, count], previous);
}
