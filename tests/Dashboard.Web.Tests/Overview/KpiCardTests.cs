using Bunit;
using Dashboard.Web.Components;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Overview;

public sealed class KpiCardTests : DashboardComponentTest
{
    [Fact]
    public void Render_ShowsLabelValueAndCaption_WhenAllAreGiven()
    {
        var cut = Render<KpiCard>(ps => ps
            .Add(p => p.Label, "Net revenue")
            .Add(p => p.Value, "1,234.50")
            .Add(p => p.Caption, "Purchases minus returns"));

        Assert.Equal("Net revenue", cut.Find(".kpi-label").TextContent.Trim());
        Assert.Equal("1,234.50", cut.Find(".kpi-value").TextContent.Trim());
        Assert.Equal("Purchases minus returns", cut.Find(".kpi-caption").TextContent.Trim());
    }

    [Fact]
    public void Render_OmitsCaption_WhenNoneIsGiven()
    {
        var cut = Render<KpiCard>(ps => ps
            .Add(p => p.Label, "Orders")
            .Add(p => p.Value, "42"));

        Assert.Equal("42", cut.Find(".kpi-value").TextContent.Trim());
        Assert.Empty(cut.FindAll(".kpi-caption"));
    }
}
