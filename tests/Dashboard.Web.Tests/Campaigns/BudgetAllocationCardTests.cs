using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns.Budget;
using Dashboard.Core.Customers;
using Dashboard.Core.Profiles;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Campaigns;

/// <summary>
/// A paid-social audience of 2 Champions (expected value 600 and 400), 4 Loyal (150 each) and 2 Hibernating (one scored 0,
/// one unscored), at 5.00 a contact; no campaign has measured an uplift, so every segment gets the assumed 10 %:
/// incremental revenue 100, 60 and 0, and reaching Champions in full costs 10, Loyal 20.
/// </summary>
public sealed class BudgetAllocationCardTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Render_SplitsTheCampaignBudget_AndCapsASegmentAtItsReachCost()
    {
        var campaign = await SeedAsync(budget: 24m);

        var cut = Render<BudgetAllocationCard>(p => p.Add(x => x.Campaign, campaign));

        // 24 split 100 : 60 would give Champions 15, over its 10; Loyal gets the other 14, which buys floor(14 / 5) = 2
        // of its 4 members: 60 x 2 / 4 = 30, 2.14 per unit spent.
        cut.WaitForAssertion(() => Assert.Equal(["Champions", "Loyal", "Hibernating"], cut.FindAll("[data-testid=budget-row]").Select(r => r.GetAttribute("data-segment"))));
        Assert.Equal(["2", "1,000.00", "10.0 % assumed", "100.00", "41.7 %", "10.00", "2", "100.00", "10.00"], Cells(Row(cut, "Champions")));
        Assert.Equal(["4", "600.00", "10.0 % assumed", "60.00", "58.3 %", "14.00", "2", "30.00", "2.14"], Cells(Row(cut, "Loyal")));
        Assert.Equal(["2 1 unscored", "0.00", "10.0 % assumed", "0.00", "0.0 %", "0.00", "0", "0.00", "—"], Cells(Row(cut, "Hibernating")));
        // 130 bought for 24: 5.42 per unit.
        Assert.Equal(["8", "1,600.00", "", "160.00", "100.0 %", "24.00", "4", "130.00", "5.42"], Cells(cut.Find("[data-testid=budget-total]")));
        Assert.Empty(cut.FindAll("[data-testid=budget-note]"));
        Assert.NotNull(cut.Find("[data-testid=spend-chart]"));
    }

    [Fact]
    public async Task ChangingTheBudget_Reallocates_AndLeavesWhatNoSegmentCanUse()
    {
        var campaign = await SeedAsync(budget: 24m);
        var cut = Render<BudgetAllocationCard>(p => p.Add(x => x.Campaign, campaign));
        cut.WaitForElement("[data-testid=budget-total]");

        cut.Find("input[data-testid=budget-amount]").Change("40");

        // Champions' 25 is over its 10, then Loyal's 30 over its 20: both are reached in full for 30, and 10 is left.
        cut.WaitForAssertion(() => Assert.Equal("30.00", Cell(cut.Find("[data-testid=budget-total]"), "spend")));
        Assert.Equal(("20.00", "4", "60.00", "3.00"), (Cell(Row(cut, "Loyal"), "spend"), Cell(Row(cut, "Loyal"), "contacts"),
            Cell(Row(cut, "Loyal"), "revenue-bought"), Cell(Row(cut, "Loyal"), "return")));
        Assert.Equal("10.00", Cell(Row(cut, "Champions"), "spend"));
        Assert.Equal("75.0 %", Cell(cut.Find("[data-testid=budget-total]"), "share"));
        Assert.StartsWith("10.00 of the budget is left over", cut.Find("[data-testid=budget-note]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheAssumedUplift_Reallocates_AndFundsNoSegmentExpectedToLose()
    {
        var campaign = await SeedAsync(budget: 24m);
        var cut = Render<BudgetAllocationCard>(p => p.Add(x => x.Campaign, campaign));
        cut.WaitForElement("[data-testid=budget-total]");

        cut.Find("input[data-testid=budget-uplift]").Change("-5");

        // Every segment is now expected to lose revenue when contacted, so none gets any money.
        cut.WaitForAssertion(() => Assert.Equal("0.00", Cell(cut.Find("[data-testid=budget-total]"), "spend")));
        Assert.Equal("-5.0 % assumed", Cell(Row(cut, "Champions"), "uplift"));
        Assert.NotNull(cut.Find("[data-testid=spend-chart-empty]"));
    }

    [Fact]
    public async Task Render_ShowsNothing_ForAnEmailCampaignWithoutABudget()
    {
        var campaign = await SeedAsync(budget: null, CampaignChannel.Email);

        var cut = Render<BudgetAllocationCard>(p => p.Add(x => x.Campaign, campaign));

        Assert.Empty(cut.FindAll("[data-testid=budget-allocation]"));
    }

    private async Task<Campaign> SeedAsync(decimal? budget, CampaignChannel channel = CampaignChannel.PaidSocial)
    {
        Services.AddTransient<SegmentUpliftEstimates>();
        var db = UseDatabase(Now);
        var customers = Enumerable.Range(0, 9).Select(i => new Customer
        {
            ExternalId = $"C{i}",
            Country = "United Kingdom",
            CreatedAt = Now.UtcDateTime.AddDays(-300),
            AdsOptIn = i < 8,
            EmailOptIn = true,
        }).ToList();
        var campaign = new Campaign
        {
            Name = "Summer paid social",
            Channel = channel,
            Budget = budget,
            CostPerContact = 5m,
            CreatedAt = Now.UtcDateTime,
            Audience = new Audience { Name = "Everyone", RulesJson = new AudienceRules().ToJson(), CreatedAt = Now.UtcDateTime },
        };
        await using (var context = db.CreateDbContext())
        {
            context.AddRange(customers);
            context.Add(campaign);
            await context.SaveChangesAsync();
            // The ninth customer has not opted in to ads: a big Champion the audience must leave out.
            (string Segment, double? Value)[] profiles =
                [("Champions", 600), ("Champions", 400), ("Loyal", 150), ("Loyal", 150), ("Loyal", 150), ("Loyal", 150), ("Hibernating", 0), ("Hibernating", null), ("Champions", 10_000)];
            context.AddRange(customers.Zip(profiles, (c, p) => new CustomerProfile
            {
                CustomerId = c.Id,
                Segment = p.Segment,
                ExpectedValue90d = p.Value,
                ReferenceDate = Now.UtcDateTime,
                ComputedAt = Now.UtcDateTime,
            }));
            await context.SaveChangesAsync();
        }

        return campaign;
    }

    private static IElement Row(IRenderedComponent<BudgetAllocationCard> cut, string segment) =>
        cut.Find($"[data-testid=budget-row][data-segment='{segment}']");

    private static string Cell(IElement row, string column) => Read(row.QuerySelector($"[data-column={column}]")!);

    /// <summary>The row's cells after the segment name, as read.</summary>
    private static string[] Cells(IElement row) => [.. row.QuerySelectorAll("td").Skip(1).Select(Read)];

    /// <summary>A cell's text with its parts (a number and the caption under it) separated by one space, as a reader sees them.</summary>
    private static string Read(IElement cell) =>
        string.Join(' ', cell.ChildNodes.SelectMany(n => n.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
}
