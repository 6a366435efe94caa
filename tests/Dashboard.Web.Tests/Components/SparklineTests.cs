using System.Globalization;
using Bunit;
using Dashboard.Web.Components;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Components;

public sealed class SparklineTests : DashboardComponentTest
{
    [Fact]
    public void Render_SpansTheHeightBetweenLowestAndHighest_InsideThePadding()
    {
        var cut = Render<Sparkline>(ps => ps.Add(p => p.Values, [10, 20]).Add(p => p.Title, "Champions"));

        // 96 x 24 with 3 px padding: x from 3 to 93, the lower value at the bottom (y 21), the higher at the top (y 3).
        Assert.Equal("3,21 93,3", cut.Find("polyline").GetAttribute("points"));
        Assert.Equal(("93", "3"), (cut.Find("circle.sparkline-last").GetAttribute("cx"), cut.Find("circle.sparkline-last").GetAttribute("cy")));
        Assert.Equal("Champions", cut.Find("title").TextContent);
    }

    [Fact]
    public void Render_BreaksTheLine_WhereAValueIsMissing()
    {
        var cut = Render<Sparkline>(ps => ps.Add(p => p.Values, [10, null, 20, 20]).Add(p => p.Title, "Cluster"));

        // An isolated point is a dot; the rest is a line from the third value on.
        var dot = cut.Find("circle.sparkline-point");
        Assert.Equal(("3", "21"), (dot.GetAttribute("cx"), dot.GetAttribute("cy")));
        Assert.Equal("63,3 93,3", Assert.Single(cut.FindAll("polyline")).GetAttribute("points"));
    }

    [Fact]
    public void Render_MarksNoLastValue_WhenTheLatestRunHasNone()
    {
        var cut = Render<Sparkline>(ps => ps.Add(p => p.Values, [10, 20, null]).Add(p => p.Title, "Gone"));

        Assert.Single(cut.FindAll("polyline"));
        Assert.Empty(cut.FindAll("circle.sparkline-last"));
    }

    [Fact]
    public void Render_DrawsASmallRelativeChangeAsNearlyFlat()
    {
        var cut = Render<Sparkline>(ps => ps.Add(p => p.Values, [1000, 1002]).Add(p => p.Title, "Loyal"));

        var ys = cut.Find("polyline").GetAttribute("points")!.Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(ys[0] - ys[1], 0.01, 1);
    }

    [Fact]
    public void Render_DrawsNothing_WhenThereAreNoValues()
    {
        var cut = Render<Sparkline>(ps => ps.Add(p => p.Values, [null, null]).Add(p => p.Title, "Nothing"));

        Assert.Empty(cut.FindAll("polyline"));
        Assert.Empty(cut.FindAll("circle"));
    }
}
