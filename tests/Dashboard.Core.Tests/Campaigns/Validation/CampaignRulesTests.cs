using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;

namespace Dashboard.Core.Tests.Campaigns.Validation;

public sealed class CampaignRulesTests
{
    private static readonly DateTime Now = new(2026, 6, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void DefaultDraft_HasNoProblems() => Assert.Empty(CampaignRules.Check(new CampaignDraft { Name = "Fine" }, Now));

    [Fact]
    public void EndBeforeStart_IsNamedWithBothDates()
    {
        var draft = new CampaignDraft { Name = "Backwards", StartsAt = Now.AddDays(10), EndsAt = Now.AddDays(3) };

        var problem = Assert.Single(CampaignRules.Check(draft, Now));

        Assert.Equal(nameof(CampaignDraft.EndsAt), problem.Field);
        Assert.Equal("The campaign ends (2026-07-03) before it starts (2026-07-10).", problem.Message);
    }

    [Fact]
    public void EndInThePast_IsRefused()
    {
        var problem = Assert.Single(CampaignRules.Check(new CampaignDraft { Name = "Late", EndsAt = Now.AddDays(-1) }, Now));

        Assert.Contains("has passed", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DiscountKind.PercentOff, 0, "A percentage off must be more than 0 and at most 100.")]
    [InlineData(DiscountKind.PercentOff, 120, "A percentage off must be more than 0 and at most 100.")]
    [InlineData(DiscountKind.AmountOff, 0, "An amount off must be more than 0.")]
    public void DiscountOutOfRange_IsRefused(DiscountKind kind, int value, string message)
    {
        var offer = new CampaignOffer { Discount = kind, DiscountValue = value };

        var problem = Assert.Single(CampaignRules.Offer(offer));

        Assert.Equal("Offer.DiscountValue", problem.Field);
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void AmountOffAboveMinimumOrder_WouldMakeOrdersFree()
    {
        var offer = new CampaignOffer { Discount = DiscountKind.AmountOff, DiscountValue = 25m, MinimumOrder = 20m };

        var problem = Assert.Single(CampaignRules.Offer(offer));

        Assert.Equal("The minimum order (20.00) is below the amount off (25.00): orders could become free.", problem.Message);
    }

    [Theory]
    [InlineData("SPRING-{code}", null)]
    [InlineData("{code}", null)]
    [InlineData("VIP_{code}_2026", null)]
    [InlineData("SPRING", "exactly once")]
    [InlineData("{code}-{code}", "exactly once")]
    [InlineData("spring-{code}", "capital letters")]
    [InlineData("SPRING {code}", "capital letters")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456-{code}", "would be 42 characters")]
    public void CouponPattern_NeedsOnePlaceholderAndSafeCharacters(string pattern, string? problem)
    {
        var found = CampaignRules.CouponPatternProblem(pattern);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LongestAllowedPattern_MakesFortyCharacterCodes()
    {
        var pattern = new string('A', CampaignRules.MaxCouponLength - 8) + CampaignOffer.CodePlaceholder;

        Assert.Null(CampaignRules.CouponPatternProblem(pattern));
        Assert.Equal(40, VariantAssigner.CouponCode(pattern, 1, 1).Length);
    }

    [Fact]
    public void Offer_DescribesItselfInOneLine()
    {
        var offer = new CampaignOffer
        {
            Discount = DiscountKind.PercentOff,
            DiscountValue = 15m,
            MinimumOrder = 50m,
            EligibleCategories = ["Books"],
            EligibleSkus = ["G1"],
            CouponPattern = "SPRING-{code}",
        };

        Assert.Equal("15 % off, on Books, SKU G1, orders from 50.00, codes like SPRING-XXXXXXXX", offer.Describe());
        Assert.Equal("No discount, codes like PROMO-XXXXXXXX", new CampaignOffer().Describe());
    }
}
