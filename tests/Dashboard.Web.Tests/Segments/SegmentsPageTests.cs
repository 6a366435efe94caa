using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Dashboard.Web.Segments;
using Dashboard.Web.Tests.Infrastructure;
using MudBlazor;

namespace Dashboard.Web.Tests.Segments;

public sealed class SegmentsPageTests : DashboardComponentTest
{
    private const string BuyOften = "Cluster 1: Buy often, high spenders";
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Render_ShowsEmptyState_WhenThereAreNoSegments()
    {
        SignInAs(Roles.Analyst);
        UseDatabase(Now);

        var cut = Render<SegmentsPage>();
        cut.WaitForState(() => cut.Markup.Contains("No segments yet", StringComparison.Ordinal), LoadTimeout);

        Assert.Empty(cut.FindAll("[data-testid='segment-link']"));
    }

    [Fact]
    public async Task Render_SaysThereIsNoTrendYet_WhenThereHasBeenOneRun()
    {
        SignInAs(Roles.Analyst);
        var history = new SegmentHistory(UseDatabase(Now));
        await history.RunAsync(SegmentHistory.Night(0), (SegmentKind.Rfm, "Champions", 10, 1000), (SegmentKind.Cluster, BuyOften, 4, 400));

        var cut = RenderLoaded();

        Assert.Equal(2, cut.FindAll("[data-testid='no-trend']").Count);
        Assert.Contains("There has been one profile run (2026-03-01 02:00 UTC)", cut.Markup, StringComparison.Ordinal);
        Assert.All(cut.FindAll("[data-testid='segment-change']"), change => Assert.Equal("—", change.TextContent.Trim()));
        Assert.DoesNotContain("new this run", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='sparkline']"));
    }

    [Fact]
    public async Task Render_ShowsChangeSinceLastRunAndNewClusters_WithDrillDownLinks()
    {
        SignInAs(Roles.Analyst);
        await TwoRunsAsync(new SegmentHistory(UseDatabase(Now)));

        var cut = RenderLoaded();

        Assert.Equal("+2 (+20.0 %)", ChangeOf(cut, "Champions"));
        Assert.Equal("\u22125 (\u221225.0 %)", ChangeOf(cut, "Lost"));
        Assert.Equal("no change", ChangeOf(cut, BuyOften));
        Assert.Equal("new this run", ChangeOf(cut, "Cluster 2: Bargain hunters"));
        Assert.Equal(4, cut.FindAll("[data-testid='sparkline']").Count);
        Assert.Equal(
            ["/customers?segment=Champions", "/customers?segment=Lost", "/customers?cluster=1", "/customers?cluster=2"],
            cut.FindAll("a[data-testid='segment-link']").Select(a => a.GetAttribute("href")));
        Assert.Contains("changes are against the run of 2026-03-01 02:00 UTC", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_StacksRfmSegmentsBestFirst_AndDrawsClustersAsLines()
    {
        SignInAs(Roles.Analyst);
        await TwoRunsAsync(new SegmentHistory(UseDatabase(Now)));

        var cut = RenderLoaded();

        var charts = cut.FindComponents<SegmentHistoryChart>();
        Assert.Equal(2, charts.Count);
        var rfm = charts[0].FindComponent<MudChart<double>>().Instance;
        Assert.Equal(ChartType.StackedBar, rfm.ChartType);
        Assert.Equal(["Champions", "Lost"], rfm.ChartSeries.Select(s => s.Name));
        Assert.Equal([[10.0, 12.0], [20.0, 15.0]], rfm.ChartSeries.Select(s => s.Data.Values));
        Assert.Equal(["Mar 1", "Mar 2"], rfm.ChartLabels);
        Assert.Equal(["Champions", "Lost"], charts[0].FindAll("[data-testid='history-legend'] button").Select(b => b.TextContent.Trim()));
        var clusters = charts[1].FindComponent<MudChart<double>>().Instance;
        Assert.Equal(ChartType.Line, clusters.ChartType);
        Assert.Equal([BuyOften, "Cluster 2: Bargain hunters"], clusters.ChartSeries.Select(s => s.Name));
        Assert.Equal([null, 6.0], clusters.ChartSeries[1].Data.Points.Select(p => p.HasValue ? p.Y : (double?)null));
    }

    [Fact]
    public async Task TrendButton_ChartsThatSegmentAlone()
    {
        SignInAs(Roles.Analyst);
        await TwoRunsAsync(new SegmentHistory(UseDatabase(Now)));
        var cut = RenderLoaded();

        RowOf(cut, "Lost").QuerySelector("[data-testid='trend-button']")!.Click();

        // The click also scrolls the chart into view (JS interop), so the re-render can land after Click returns.
        cut.WaitForAssertion(() =>
        {
            var chart = cut.FindComponents<SegmentHistoryChart>()[0].FindComponent<MudChart<double>>().Instance;
            Assert.Equal(ChartType.Line, chart.ChartType);
            var series = Assert.Single(chart.ChartSeries);
            Assert.Equal("Lost", series.Name);
        }, LoadTimeout);
    }

    private static async Task TwoRunsAsync(SegmentHistory history)
    {
        await history.RunAsync(SegmentHistory.Night(0),
            (SegmentKind.Rfm, "Champions", 10, 1000), (SegmentKind.Rfm, "Lost", 20, 200),
            (SegmentKind.Cluster, BuyOften, 5, 900), (SegmentKind.Cluster, "Cluster 2: Lapsed one-time buyers", 8, 300));
        await history.RunAsync(SegmentHistory.Night(1),
            (SegmentKind.Rfm, "Champions", 12, 1100), (SegmentKind.Rfm, "Lost", 15, 150),
            (SegmentKind.Cluster, BuyOften, 5, 950), (SegmentKind.Cluster, "Cluster 2: Bargain hunters", 6, 120));
    }

    private IRenderedComponent<SegmentsPage> RenderLoaded()
    {
        var cut = Render<SegmentsPage>();
        cut.WaitForState(() => cut.FindAll("[data-testid='segment-link']").Count > 0, LoadTimeout);
        return cut;
    }

    private static IElement RowOf(IRenderedComponent<SegmentsPage> cut, string segment) =>
        cut.FindAll("tbody tr").Single(row => row.QuerySelector("[data-testid='segment-link']")?.TextContent.Trim() == segment);

    private static string ChangeOf(IRenderedComponent<SegmentsPage> cut, string segment) =>
        string.Join(" ", RowOf(cut, segment).QuerySelector("[data-testid='segment-change']")!.TextContent.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries));
}
