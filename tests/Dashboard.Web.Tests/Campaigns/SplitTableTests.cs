using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Campaigns;

public sealed class SplitTableTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ShowsPlannedAndActualSharesPerArm_WithTheTestsPValue()
    {
        var campaign = await LaunchedCampaigns.AddAsync(Setup(),
        [
            new("Control", OfferStrategy.BestSellers, 0.4, 412),
            new("Personalized", OfferStrategy.Personalized, 0.4, 380),
            new(VariantPlan.HoldoutName, OfferStrategy.None, 0.2, 208),
        ]);

        var cut = Render<SplitTable>(p => p.Add(x => x.CampaignId, campaign.Id));
        cut.WaitForElement("[data-testid=split]", LoadTimeout);

        Assert.Equal(
            [
                "Control | 40.0 % | 412 | 41.2 %",
                "Personalized | 40.0 % | 380 | 38.0 %",
                "Holdout: no contact | 20.0 % | 208 | 20.8 %",
            ],
            cut.FindAll("[data-testid=split-row]").Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))));
        // Chi-square 12^2/400 + 20^2/400 + 8^2/200 = 1.68 on 2 df: p = exp(-1.68 / 2) = 0.4317 (scipy.stats.chisquare agrees).
        Assert.Contains("p = 0.4317", cut.Find("[data-testid=split-test]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=split-mismatch]"));
    }

    [Fact]
    public async Task Render_SaysInWords_WhenTheSplitDoesNotMatchThePlan()
    {
        var campaign = await LaunchedCampaigns.AddAsync(Setup(),
        [
            new("Control", OfferStrategy.BestSellers, 0.4, 550),
            new("Personalized", OfferStrategy.Personalized, 0.4, 250),
            new(VariantPlan.HoldoutName, OfferStrategy.None, 0.2, 200),
        ]);

        var cut = Render<SplitTable>(p => p.Add(x => x.CampaignId, campaign.Id));
        cut.WaitForElement("[data-testid=split]", LoadTimeout);

        // Chi-square 150^2/400 * 2 = 112.5 on 2 df: p = exp(-56.25), about 4e-25.
        Assert.Contains("p < 0.0001", cut.Find("[data-testid=split-test]").TextContent, StringComparison.Ordinal);
        Assert.Equal("The split does not match the plan: check the assignment before reading results.", cut.Find("[data-testid=split-mismatch]").TextContent.Trim());
    }

    private SqliteTestDatabase Setup()
    {
        SignInAs(Roles.MarketingManager);
        Services.AddTransient<CampaignQueries>();
        return UseDatabase(Now);
    }
}
