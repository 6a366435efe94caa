using Bunit;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Campaigns;

public sealed class TestPlannerCardTests : DashboardComponentTest
{
    [Fact]
    public void Render_SizesTheTest_AndWarnsWhenTheAudienceIsTooSmall()
    {
        // Defaults: 5 % conversion, +10 % lift, 80 % power, alpha 0.05; statsmodels gives 31,233.4 per group.
        var cut = Render<TestPlannerCard>(p => p.Add(x => x.Audience, 20_000).Add(x => x.TreatmentShare, 0.5));

        Assert.Equal("31,234", cut.Find("[data-testid=planner-treatment]").TextContent);
        Assert.Equal("31,234", cut.Find("[data-testid=planner-control]").TextContent);
        Assert.Equal("62,468", cut.Find("[data-testid=planner-required]").TextContent);
        Assert.Contains("The audience of 20,000 is too small", cut.Find("[data-testid=planner-warning]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AddsTheHoldout_ToTheAudienceNeeded()
    {
        var cut = Render<TestPlannerCard>(p => p.Add(x => x.Audience, 100_000).Add(x => x.TreatmentShare, 0.5).Add(x => x.HoldoutShare, 0.2));

        // 62,468 tested customers are 80 % of the audience: ceil(62,468 / 0.8) = 78,085.
        Assert.Equal("78,085", cut.Find("[data-testid=planner-required]").TextContent);
    }

    [Fact]
    public void Render_FollowsTheSplit_AndHasNoWarningForALargeAudience()
    {
        var cut = Render<TestPlannerCard>(p => p.Add(x => x.Audience, 200_000).Add(x => x.TreatmentShare, 0.8));

        // A 20 % control: 0.25 control customers per treatment customer (statsmodels: 78,910.4).
        Assert.Equal("78,911", cut.Find("[data-testid=planner-treatment]").TextContent);
        Assert.Equal("19,728", cut.Find("[data-testid=planner-control]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=planner-warning]"));
        Assert.NotEmpty(cut.Find("[data-testid=planner-detectable]").TextContent);
    }
}
