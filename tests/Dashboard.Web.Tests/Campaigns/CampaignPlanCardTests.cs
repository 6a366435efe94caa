using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Campaigns;

public sealed class CampaignPlanCardTests : DashboardComponentTest
{
    private static readonly DateTime Start = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Render_SaysWhenItRuns_WhatItCosts_AndWhatItOffers()
    {
        var campaign = new Campaign
        {
            Name = "Winter",
            StartsAt = Start,
            EndsAt = Start.AddDays(14),
            Budget = 1_000m,
            CostPerContact = 0.3m,
            PrimaryMetric = PrimaryMetric.RevenuePerMember,
            Offer = new CampaignOffer { Discount = DiscountKind.AmountOff, DiscountValue = 5m, CouponPattern = "WINTER-{code}" },
        };

        var cut = Render<CampaignPlanCard>(p => p.Add(x => x.Campaign, campaign));

        // EndsAt is exclusive: a 14-day campaign from 1 December has 14 December as its last day.
        Assert.Equal("from 2026-12-01 to 2026-12-14 (completes by itself)", cut.Find("[data-testid=plan-schedule]").TextContent);
        Assert.Equal("1,000.00 at 0.30 per contact (up to 3,333 contacts)", cut.Find("[data-testid=plan-budget]").TextContent);
        Assert.Equal("5.00 off, codes like WINTER-XXXXXXXX", cut.Find("[data-testid=plan-offer]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=launch-ready]"));
    }

    [Fact]
    public void Render_ListsWhatBlocksTheLaunch_OrSaysItIsReady()
    {
        var campaign = new Campaign { Name = "Draft" };
        var blocked = Render<CampaignPlanCard>(p => p
            .Add(x => x.Campaign, campaign)
            .Add(x => x.Problems, [new CampaignProblem("Audience", "The audience is empty: widen the rules, or run the pipeline to build profiles.")]));
        var ready = Render<CampaignPlanCard>(p => p.Add(x => x.Campaign, campaign).Add(x => x.Problems, []));

        Assert.Contains("The audience is empty", blocked.Find("[data-testid=launch-blockers]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Ready to launch.", ready.Find("[data-testid=launch-ready]").TextContent);
    }
}
