using Bunit;
using Dashboard.Core.Models;
using Dashboard.Web.Overview;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Overview;

public sealed class PipelineStatusCardTests : DashboardComponentTest
{
    [Fact]
    public void Render_SaysPipelineNeverRan_WhenThereIsNoRun()
    {
        var cut = Render<PipelineStatusCard>(ps => ps.Add(p => p.Run, null));

        Assert.Contains("The pipeline has not run yet.", cut.Find(".pipeline-never").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShowsStatusStartAndDuration_WhenRunFinished()
    {
        var run = new PipelineRunSummary(
            7, "nightly", RunStatus.Succeeded,
            new DateTime(2026, 3, 30, 2, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 30, 2, 3, 20, DateTimeKind.Utc),
            CurrentStage: null, Progress: 1, Error: null);

        var cut = Render<PipelineStatusCard>(ps => ps.Add(p => p.Run, run));

        Assert.Contains("Succeeded", cut.Find(".mud-chip").TextContent, StringComparison.Ordinal);
        var facts = cut.Find(".pipeline-facts").TextContent;
        Assert.Contains("2026-03-30 02:00", facts, StringComparison.Ordinal);
        Assert.Contains("3 min 20 s", facts, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".mud-alert"));
    }

    [Fact]
    public void Render_ShowsError_WhenRunFailed()
    {
        var run = new PipelineRunSummary(
            8, "manual", RunStatus.Failed,
            new DateTime(2026, 3, 30, 2, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 30, 2, 0, 5, DateTimeKind.Utc),
            CurrentStage: "train", Progress: 0.5, Error: "Not enough orders to train.");

        var cut = Render<PipelineStatusCard>(ps => ps.Add(p => p.Run, run));

        Assert.Contains("Failed", cut.Find(".mud-chip").TextContent, StringComparison.Ordinal);
        Assert.Contains("Not enough orders to train.", cut.Find(".mud-alert").TextContent, StringComparison.Ordinal);
    }
}
