using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Catalog;
using Dashboard.Core.Models;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Campaigns;

public sealed class PromoPreviewTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ShowsEachMembersScoresCouponOffersAndModel()
    {
        var database = Setup();
        var (version, product) = await VersionAndProductAsync(database);
        var campaign = await LaunchedCampaigns.AddAsync(database, [new("Personalized", OfferStrategy.Personalized, 0.5, 1), new("Best-sellers", OfferStrategy.BestSellers, 0.5, 0)], entry =>
        {
            entry.CouponCode = "SPRING-ABCD2345";
            entry.ModelVersionId = version.Id;
            entry.ChurnRisk = 0.123;
            entry.PurchasePropensity = 0.456;
            entry.ExpectedValue90d = 78.9;
            entry.Items = [new PromoListItem { Rank = 1, ProductId = product.Id, Score = 3, Reason = "Popular in Garden, a favourite category" }];
        });

        var cut = Render<PromoPreview>(p => p.Add(x => x.CampaignId, campaign.Id).Add(x => x.VariantId, campaign.Variants[0].Id));
        cut.WaitForElement("[data-testid=promo-preview]", LoadTimeout);

        Assert.Equal("12.3 %", cut.Find("[data-testid=preview-churn]").TextContent.Trim());
        Assert.Equal("45.6 %", cut.Find("[data-testid=preview-propensity]").TextContent.Trim());
        Assert.Equal("78.90", cut.Find("[data-testid=preview-value]").TextContent.Trim());
        Assert.Equal($"#{version.Id}", cut.Find("[data-testid=preview-model]").TextContent.Trim());
        Assert.Contains("SPRING-ABCD2345", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Watering can", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=holdout-note]"));
    }

    [Fact]
    public async Task Render_SaysTheHoldoutGetsNothing_AndListsItsMembersWithTheirScores()
    {
        var database = Setup();
        var campaign = await LaunchedCampaigns.AddAsync(database, [new("Control", OfferStrategy.BestSellers, 0.8, 0), new(VariantPlan.HoldoutName, OfferStrategy.None, 0.2, 1)],
            entry => entry.ChurnRisk = 0.5);

        var cut = Render<PromoPreview>(p => p.Add(x => x.CampaignId, campaign.Id).Add(x => x.VariantId, campaign.Variants[1].Id).Add(x => x.HeldOut, true));
        cut.WaitForElement("[data-testid=promo-preview]", LoadTimeout);

        Assert.Contains("these members get nothing (no contact, no coupon, no offer)", cut.Find("[data-testid=holdout-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal("50.0 %", cut.Find("[data-testid=preview-churn]").TextContent.Trim());
        Assert.Equal("—", cut.Find("[data-testid=preview-value]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=preview-model]"));
        Assert.DoesNotContain("Coupon", cut.Markup, StringComparison.Ordinal);
    }

    private SqliteTestDatabase Setup()
    {
        SignInAs(Roles.MarketingManager);
        Services.AddTransient<CampaignQueries>();
        return UseDatabase(Now);
    }

    private static async Task<(ModelVersion Version, Product Product)> VersionAndProductAsync(SqliteTestDatabase database)
    {
        var version = new ModelVersion { Kind = ModelKinds.Popularity, CreatedAt = Now.UtcDateTime, DataFrom = Now.UtcDateTime.AddDays(-30), DataTo = Now.UtcDateTime };
        var product = new Product { Sku = "G1", Name = "Watering can", Category = "Garden", Price = 12.5m, CreatedAt = Now.UtcDateTime.AddDays(-100) };
        await using var db = database.CreateDbContext();
        db.AddRange(version, product);
        await db.SaveChangesAsync();
        return (version, product);
    }
}
