using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Tests.Campaigns;

public class VariantAssignerTests
{
    private static readonly (string Name, double Share)[] Split = [("control", 0.5), ("treatment", 0.5)];

    [Fact]
    public void Assign_IsStable_ForTheSameCampaignAndCustomer()
    {
        var first = Enumerable.Range(1, 1000).Select(c => VariantAssigner.Assign(7, c, Split, v => v.Share).Name).ToList();
        var second = Enumerable.Range(1, 1000).Select(c => VariantAssigner.Assign(7, c, Split, v => v.Share).Name).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Bucket_MatchesSha256OfCampaignAndCustomer()
    {
        // `printf 7:42 | sha256sum` starts 6fb44d7d504d375b; (0x6fb44d7d504d375b >> 11) / 2^53 = 0.43634495076576196.
        // Pinned so that a refactoring cannot silently move customers between variants of running campaigns.
        Assert.Equal(0.43634495076576196, VariantAssigner.Bucket(7, 42), 15);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.2)]
    public void Assign_FollowsThePlannedSplit_OverManyCustomers(double treatmentShare)
    {
        (string Name, double Share)[] split = [("control", 1 - treatmentShare), ("treatment", treatmentShare)];
        const int n = 20_000;

        var treated = Enumerable.Range(1, n).Count(c => VariantAssigner.Assign(3, c, split, v => v.Share).Name == "treatment");

        // Binomial standard deviation is at most sqrt(n/4) = 71; 5 SD = 355 customers.
        Assert.InRange(treated, (n * treatmentShare) - 355, (n * treatmentShare) + 355);
    }

    [Fact]
    public void Assign_SplitsCampaignsIndependently()
    {
        var a = Enumerable.Range(1, 4000).Select(c => VariantAssigner.Assign(1, c, Split, v => v.Share).Name).ToList();
        var b = Enumerable.Range(1, 4000).Select(c => VariantAssigner.Assign(2, c, Split, v => v.Share).Name).ToList();

        // Independent 50/50 splits agree about half the time (SD 32); identical ones always would.
        var agreement = a.Zip(b).Count(p => p.First == p.Second);
        Assert.InRange(agreement, 2000 - 160, 2000 + 160);
    }

    [Fact]
    public void Assign_PassesTheSplitCheck_ForThreeVariantsAndAHoldout_AndAWrongPlanIsFlagged()
    {
        (string Name, double Share)[] plan = [("control", 0.3), ("best-sellers", 0.25), ("personalized", 0.25), ("holdout", 0.2)];
        var counts = Enumerable.Range(1, 10_000)
            .Select(c => VariantAssigner.Assign(21, c, plan, v => v.Share).Name)
            .CountBy(name => name).ToDictionary();
        var observed = plan.Select(v => (long)counts.GetValueOrDefault(v.Name)).ToList();

        var check = SampleRatioTest.Run(observed, [.. plan.Select(v => v.Share)]);
        // Equal shares are 500 members off for the control and the holdout: chi-square about 200 on 3 df.
        var wrong = SampleRatioTest.Run(observed, [0.25, 0.25, 0.25, 0.25]);

        Assert.False(check.IsMismatch, $"p = {check.PValue}");
        Assert.True(wrong.IsMismatch, $"p = {wrong.PValue}");
    }

    [Fact]
    public void CouponCode_IsDeterministicAndReadable()
    {
        var code = VariantAssigner.CouponCode("SPRING-{code}", 12, 345);

        Assert.Equal(code, VariantAssigner.CouponCode("SPRING-{code}", 12, 345));
        Assert.NotEqual(code, VariantAssigner.CouponCode("SPRING-{code}", 12, 346));
        Assert.NotEqual(code, VariantAssigner.CouponCode("SPRING-{code}", 13, 345));
        Assert.Matches("^SPRING-[A-HJ-NP-Z2-9]{8}$", code);
    }
}
