using Bunit;
using Dashboard.Core.Profiles;
using Dashboard.Web.Segments;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Segments;

public sealed class SegmentChangeTests : DashboardComponentTest
{
    private static readonly DateTime At = new(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1250, 1000, "+250 (+25.0 %)")]
    [InlineData(3, 4, "\u22121 (\u221225.0 %)")]
    [InlineData(3, 0, "+3")]
    [InlineData(5, 5, "no change")]
    public void Render_WritesTheSignedChange_AgainstThePreviousRun(int count, int previous, string expected)
    {
        var cut = Render<SegmentChange>(ps => ps.Add(p => p.Row, Row(count, previous)).Add(p => p.HasPreviousRun, true));

        Assert.Equal(expected, Text(cut));
    }

    [Fact]
    public void Render_SaysNewThisRun_WhenThePreviousRunHadNoSegmentOfThisName()
    {
        var cut = Render<SegmentChange>(ps => ps.Add(p => p.Row, Row(6, null)).Add(p => p.HasPreviousRun, true));

        Assert.Equal("new this run", Text(cut));
        Assert.Equal("No segment of this name at the previous run", cut.Find("[data-testid='segment-change']").GetAttribute("title"));
    }

    [Fact]
    public void Render_ShowsADash_WhenThereIsNoPreviousRun()
    {
        var cut = Render<SegmentChange>(ps => ps.Add(p => p.Row, Row(6, null)).Add(p => p.HasPreviousRun, false));

        Assert.Equal("—", Text(cut));
    }

    private static SegmentRow Row(int count, int? previous) =>
        new(1, "Cluster 1: Bargain hunters", SegmentKind.Cluster, null, count, 10, 0.5, 0.5, At, [previous, count], previous);

    private static string Text(IRenderedComponent<SegmentChange> cut) =>
        string.Join(" ", cut.Find("[data-testid='segment-change']").TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries));
}
