using Bunit;
using Dashboard.Core.Profiles;
using Dashboard.Web.Segments;
using Dashboard.Web.Tests.Infrastructure;
using MudBlazor;

namespace Dashboard.Web.Tests.Segments;

public sealed class SegmentHistoryChartTests : DashboardComponentTest
{
    private static readonly DateTime Night = new(2026, 3, 1, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void RunLabels_AddTheTime_WhenTwoRunsShareADay()
    {
        Assert.Equal(["Mar 1", "Mar 2"], SegmentHistoryChart.RunLabels([Night, Night.AddDays(1)]));
        Assert.Equal(["Mar 1 02:00", "Mar 1 14:30"], SegmentHistoryChart.RunLabels([Night, Night.AddHours(12.5)]));
    }

    [Fact]
    public void RunLabels_LabelEveryFifthOfThirtyRunsAndTheLast()
    {
        var labels = SegmentHistoryChart.RunLabels([.. Enumerable.Range(0, 30).Select(i => Night.AddDays(i))]);

        Assert.Equal([0, 5, 10, 15, 20, 25, 29], labels.Select((label, i) => (label, i)).Where(l => l.label.Length > 0).Select(l => l.i));
        Assert.Equal("Mar 30", labels[29]);
    }

    [Fact]
    public void Render_SaysNoRunHasBeenRecorded_WhenThereAreNoRuns()
    {
        var row = new SegmentRow(1, "Champions", SegmentKind.Rfm, null, 10, 100, 1, 1, Night, [], null);

        var cut = Render<SegmentHistoryChart>(ps => ps
            .Add(p => p.Kind, SegmentKind.Rfm)
            .Add(p => p.Runs, [])
            .Add(p => p.Segments, [row]));

        Assert.Contains("No profile run has recorded segment sizes yet", cut.Find("[data-testid='no-trend']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindComponents<MudChart<double>>());
        Assert.Empty(cut.FindComponents<MudSelect<string>>());
    }
}
