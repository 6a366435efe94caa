using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Experiments.Reports;
using Dashboard.Core.Orders;
using Dashboard.Core.Security;
using Dashboard.Web.Campaigns.Reports;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Campaigns;

/// <summary>The A/B report page on a real database: 40 control members with 4 buyers, 40 treated with 16, 20 held out with 1.</summary>
public sealed class CampaignReportPageTests : DashboardComponentTest
{
    private static readonly DateTime Launch = new(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Report_GivesTheVerdict_EachMetric_AndIncrementality()
    {
        var campaignId = await SeedAsync(now: Launch.AddDays(20));

        var cut = Render<CampaignReportPage>(p => p.Add(x => x.Id, campaignId));

        cut.WaitForAssertion(() => Assert.StartsWith("Treatment wins: +300.0 %", cut.Find("[data-testid=verdict-headline]").TextContent, StringComparison.Ordinal));
        Assert.Equal(2, cut.FindAll("[data-testid=conversion-analysis] [data-testid=analysis-row]").Count);
        Assert.Equal(2, cut.FindAll("[data-testid=revenue-analysis] [data-testid=analysis-row]").Count);
        Assert.Equal(3, cut.FindAll("[data-testid=incrementality-analysis] [data-testid=analysis-row]").Count);
        Assert.Contains("10.0 %", cut.Find("[data-testid=conversion-analysis]").TextContent, StringComparison.Ordinal);
        Assert.Contains("40.0 %", cut.Find("[data-testid=conversion-analysis]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=cumulative-chart]"));
        // Buyers from day 1 on: the chance to win and the always-valid p-value are drawn from that day to the window's end.
        var timeline = cut.FindComponent<TimelineCharts>().FindComponents<MudChart<double>>();
        Assert.Equal(2, timeline.Count);
        Assert.All(timeline, chart => Assert.Equal(13, chart.Instance.ChartLabels.Length)); // days 1 to 13 of 0 to 13
        Assert.Equal(["Treatment", "alpha 0.05"], timeline[1].Instance.ChartSeries.Select(s => s.Name));
        Assert.Contains("always-valid (confidence sequences)", cut.Markup, StringComparison.Ordinal);
        // Three sends in the treatment (one opened), none elsewhere: counts and shares of each arm's members.
        var funnel = cut.FindAll("[data-testid=funnel-row]");
        Assert.Equal(3, funnel.Count);
        Assert.Contains("3 (7.5 %)", funnel[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 (2.5 %)", funnel[1].TextContent, StringComparison.Ordinal);
        // Everyone is in the United Kingdom and has no profile yet: one row in each breakdown, the same as the whole.
        Assert.Contains("United Kingdom", cut.Find("[data-testid=country-breakdown] [data-testid=breakdown-row]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No profile", cut.Find("[data-testid=segment-breakdown] [data-testid=breakdown-row]").TextContent, StringComparison.Ordinal);
        Assert.Contains("+300.0 %", cut.Find("[data-testid=country-breakdown] [data-testid=breakdown-row]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SaysItIsTooEarly_WhileTheWindowIsOpen()
    {
        var campaignId = await SeedAsync(now: Launch.AddDays(5));

        var cut = Render<CampaignReportPage>(p => p.Add(x => x.Id, campaignId));

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=verdict-warning]"), w => w.TextContent.StartsWith("Too early: 5 of 14 days", StringComparison.Ordinal)));
    }

    private async Task<int> SeedAsync(DateTime now)
    {
        SignInAs(Roles.Analyst);
        Services.AddTransient<CampaignQueries>();
        Services.AddTransient<ExperimentAggregates>();
        Services.AddTransient<CampaignAnalysis>();
        var db = UseDatabase(new DateTimeOffset(now));
        var control = new CampaignVariant { Name = "Control", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.4 };
        var treatment = new CampaignVariant { Name = "Treatment", Strategy = OfferStrategy.Personalized, TrafficShare = 0.4 };
        var holdout = new CampaignVariant { Name = "Holdout", Strategy = OfferStrategy.None, TrafficShare = 0.2 };
        var campaign = new Campaign { Name = "Autumn", Status = CampaignStatus.Running, CreatedAt = Launch, LaunchedAt = Launch, AttributionWindowDays = 14, Variants = [control, treatment, holdout] };
        var customers = Enumerable.Range(1, 100)
            .Select(i => new Customer { ExternalId = $"c{i}", Country = "United Kingdom", CreatedAt = Launch.AddYears(-1) })
            .ToList();
        await using var context = db.CreateDbContext();
        context.Campaigns.Add(campaign);
        context.Customers.AddRange(customers);
        await context.SaveChangesAsync();
        foreach (var (arm, from, count, buyers) in new[] { (control, 0, 40, 4), (treatment, 40, 40, 16), (holdout, 80, 20, 1) })
        {
            foreach (var (customer, k) in customers.Skip(from).Take(count).Select((c, k) => (c, k)))
            {
                context.PromoListEntries.Add(new PromoListEntry { CampaignId = campaign.Id, VariantId = arm.Id, CustomerId = customer.Id, Country = customer.Country, CreatedAt = Launch });
                if (k < buyers)
                {
                    var order = new Order { InvoiceNo = $"o{customer.Id}", CustomerId = customer.Id, Kind = OrderKind.Purchase, PlacedAt = Launch.AddDays(1 + (k % 3)), Country = "United Kingdom", Total = 10m };
                    context.Orders.Add(order);
                    await context.SaveChangesAsync();
                    context.Conversions.Add(new Conversion { CampaignId = campaign.Id, VariantId = arm.Id, CustomerId = customer.Id, OrderId = order.Id, Revenue = 10, ConvertedAt = order.PlacedAt });
                }
            }
        }

        await context.SaveChangesAsync();
        var treated = customers.Skip(40).Take(3).ToList();
        context.Exposures.AddRange(treated.Select(c => new Exposure { CampaignId = campaign.Id, VariantId = treatment.Id, CustomerId = c.Id, Kind = ExposureKind.Sent, OccurredAt = Launch }));
        context.Exposures.Add(new Exposure { CampaignId = campaign.Id, VariantId = treatment.Id, CustomerId = treated[0].Id, Kind = ExposureKind.Opened, OccurredAt = Launch.AddHours(2) });
        await context.SaveChangesAsync();
        return campaign.Id;
    }
}
