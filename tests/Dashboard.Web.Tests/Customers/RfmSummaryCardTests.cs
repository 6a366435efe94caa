using Bunit;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Customers;

public sealed class RfmSummaryCardTests : DashboardComponentTest
{
    private static readonly DateTime Computed = new(2026, 3, 30, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Render_ShowsEachScoreWithTheFigureBehindIt_AndTheSegmentsAdvice()
    {
        var profile = Profile("Loyal", recencyDays: 12, frequency: 4, monetary: 1234.5, new RfmScores(4, 5, 3));

        var cut = Render<RfmSummaryCard>(p => p.Add(x => x.Profile, profile));

        Assert.Equal("Loyal", cut.Find("[data-testid=rfm-segment]").TextContent.Trim());
        Assert.Equal("Buy often and fairly recently: upsell, loyalty programme.", cut.Find("[data-testid=rfm-segment-description]").TextContent);
        Assert.Equal(
            [("R", "4 / 5", "12 days since the last purchase"), ("F", "5 / 5", "4 orders"), ("M", "3 / 5", "1,234.50 net revenue (purchases minus returns)")],
            cut.FindAll("[data-rfm]").Select(l => (
                l.GetAttribute("data-rfm"),
                l.QuerySelector("[data-testid=rfm-score]")!.TextContent.Trim(),
                l.QuerySelector("[data-testid=rfm-meaning]")!.TextContent)));
        Assert.Contains("2026-03-30", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ExplainsProspects_WithoutScores()
    {
        var cut = Render<RfmSummaryCard>(p => p.Add(x => x.Profile, Profile("Prospect", recencyDays: null, frequency: 0, monetary: 0, rfm: null)));

        Assert.Equal("Never purchased: welcome series, first-order incentive.", cut.Find("[data-testid=rfm-segment-description]").TextContent);
        Assert.Contains("No purchase yet", cut.Find("[data-testid=rfm-none]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-rfm]"));
    }

    [Fact]
    public void Render_SaysNotProfiled_WithoutAProfile()
    {
        var cut = Render<RfmSummaryCard>(p => p.Add(x => x.Profile, null));

        Assert.Contains("has not profiled this customer yet", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=rfm-segment]"));
    }

    private static CustomerProfileSummary Profile(string segment, int? recencyDays, int frequency, double monetary, RfmScores? rfm) =>
        new(segment, rfm is null ? "-" : $"{rfm.Recency}{rfm.Frequency}{rfm.Monetary}", recencyDays, frequency, monetary,
            null, null, null, null, Computed, null, null, null, 0, null, null, [], Rfm: rfm);
}
