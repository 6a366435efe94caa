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
        var cut = Render<TestPlannerCard>(p => p.Add(x => x.Audience, 20_000).Add(x => x.ControlShare, 0.5));

        Assert.Equal("31,234", cut.Find("[data-testid=planner-treatment]").TextContent);
        Assert.Equal("31,234", cut.Find("[data-testid=planner-control]").TextContent);
        Assert.Equal("62,468", cut.Find("[data-testid=planner-required]").TextContent);
        Assert.Contains("The audience of 20,000 is too small", cut.Find("[data-testid=planner-warning]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AddsTheHoldout_ToTheAudienceNeeded()
    {
        var cut = Render<TestPlannerCard>(p => p.Add(x => x.Audience, 100_000).Add(x => x.ControlShare, 0.5).Add(x => x.HoldoutShare, 0.2));

        // 62,468 tested customers are 80 % of the audience: ceil(62,468 / 0.8) = 78,085.
        Assert.Equal("78,085", cut.Find("[data-testid=planner-required]").TextContent);
    }

    [Fact]
    public void Render_FollowsTheSplit_AndHasNoWarningForALargeAudience()
    {
        var cut = Render<TestPlannerCard>(p => p.Add(x => x.Audience, 200_000).Add(x => x.ControlShare, 0.2));

        // A 20 % control: 0.25 control customers per treatment customer (statsmodels: 78,910.4).
        Assert.Equal("78,911", cut.Find("[data-testid=planner-treatment]").TextContent);
        Assert.Equal("19,728", cut.Find("[data-testid=planner-control]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=planner-warning]"));
        Assert.NotEmpty(cut.Find("[data-testid=planner-detectable]").TextContent);
    }

    [Fact]
    public void Render_SizesEachOfSeveralTreatments_AtTheBonferroniAlpha()
    {
        var cut = Render<TestPlannerCard>(p => p.Add(x => x.Audience, 200_000).Add(x => x.Treatments, 2).Add(x => x.ControlShare, 0.2));

        // Two treatments of 40 % each and a 20 % control, alpha 0.05 / 2: statsmodels'
        // samplesize_proportions_2indep_onetail(0.005, 0.05, 0.8, ratio=0.5, alpha=0.025) = 57,119.1 per treatment.
        Assert.Equal("Each treatment group", cut.Find("[data-testid=planner-treatment]").PreviousElementSibling!.TextContent);
        Assert.Equal("57,120", cut.Find("[data-testid=planner-treatment]").TextContent);
        Assert.Equal("28,560", cut.Find("[data-testid=planner-control]").TextContent);
        Assert.Equal("142,800", cut.Find("[data-testid=planner-required]").TextContent);
        Assert.Contains("2 treatments are each compared with the control at alpha 0.025", cut.Find("[data-testid=planner-warning]").TextContent, StringComparison.Ordinal);
    }
}
