using Dashboard.Core.Campaigns;

namespace Dashboard.Core.Tests.Campaigns;

public class VariantPlanTests
{
    private static readonly int[] NoVersions = [];

    [Fact]
    public void AudienceShares_SplitWhatTheHoldoutLeaves_ByWeight()
    {
        List<VariantDraft> variants = [Variant("Control", OfferStrategy.BestSellers, 2), Variant("A", OfferStrategy.Personalized, 1), Variant("B", OfferStrategy.Personalized, 1)];

        var shares = VariantPlan.AudienceShares(variants, holdoutShare: 0.2);

        // Weights 2:1:1 of the 80 % left by the holdout.
        Assert.Equal([0.4, 0.2, 0.2], shares.Select(s => Math.Round(s, 12)));
    }

    [Fact]
    public void Problems_IsEmpty_ForAControlAndTwoTreatmentsWithAPinnedVersion()
    {
        List<VariantDraft> variants = [Variant("Control", OfferStrategy.BestSellers), Variant("Champion", OfferStrategy.Personalized), Variant("Challenger", OfferStrategy.Personalized, version: 3)];

        Assert.Empty(VariantPlan.Problems(variants, 0.1, [3, 4]));
    }

    [Fact]
    public void Problems_AsksForATreatment_WhenOnlyTheControlIsLeft()
    {
        var problem = Assert.Single(VariantPlan.Problems([Variant("Control", OfferStrategy.BestSellers)], 0, NoVersions));

        Assert.StartsWith("Add a treatment", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_LimitsTheTreatments()
    {
        var variants = Enumerable.Range(0, VariantPlan.MaxTreatments + 2).Select(i => Variant($"V{i}", OfferStrategy.Personalized)).ToList();

        Assert.Equal("At most 4 treatments: each one splits the audience further.", Assert.Single(VariantPlan.Problems(variants, 0, NoVersions)));
    }

    [Fact]
    public void Problems_NamesDuplicates_IgnoringCaseAndSpaces_AndTheHoldoutsName()
    {
        List<VariantDraft> variants = [Variant("Control", OfferStrategy.BestSellers), Variant(" control ", OfferStrategy.Personalized), Variant("holdout: no contact", OfferStrategy.Personalized)];

        var problems = VariantPlan.Problems(variants, 0.1, NoVersions);

        Assert.Equal(2, problems.Count);
        Assert.Contains("\"Control\"", problems[0], StringComparison.Ordinal);
        Assert.Contains("\"holdout: no contact\"", problems[1], StringComparison.Ordinal);
        // Without a holdout its name is free.
        Assert.Empty(VariantPlan.Problems([variants[0], variants[2]], 0, NoVersions));
    }

    [Fact]
    public void Problems_RefusesAPinnedVersionThatNoLongerExists()
    {
        List<VariantDraft> variants = [Variant("Control", OfferStrategy.BestSellers), Variant("Old model", OfferStrategy.Personalized, version: 7)];

        Assert.Equal(
            "\"Old model\" pins model version #7, which no longer exists: pick another version or follow the champion.",
            Assert.Single(VariantPlan.Problems(variants, 0, [8])));
    }

    [Fact]
    public void Problems_RefusesAVariantThatOffersNothing_AndAZeroWeight()
    {
        List<VariantDraft> variants = [Variant("Control", OfferStrategy.None), Variant("Treatment", OfferStrategy.Personalized, 0), Variant("", OfferStrategy.BestSellers)];

        Assert.Equal(
            ["Every variant needs a name.", "Every variant must offer something; the holdout is the group that gets nothing.", "Every variant needs a positive weight."],
            VariantPlan.Problems(variants, 0, NoVersions));
    }

    private static VariantDraft Variant(string name, OfferStrategy strategy, double weight = 1, int? version = null) =>
        new() { Name = name, Strategy = strategy, Share = weight, ModelVersionId = version };
}
