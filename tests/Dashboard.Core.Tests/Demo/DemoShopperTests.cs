using Dashboard.Core.Demo;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Demo;

public sealed class DemoShopperTests
{
    [Fact]
    public void For_ReturnsTheSameTaste_WhenCalledTwice()
    {
        for (var index = 1; index <= 200; index++)
        {
            Assert.Equal(Describe(DemoShopper.For(42, index)), Describe(DemoShopper.For(42, index)));
        }
    }

    [Fact]
    public async Task For_ReturnsTheSameTaste_WhenOtherCustomersWereGeneratedInBetween()
    {
        var before = Enumerable.Range(1, 300).Select(i => Describe(DemoShopper.For(7, i))).ToList();

        // Other customers, in reverse order, and a whole shop with the same seed.
        for (var index = 5_000; index > 0; index -= 7)
        {
            _ = DemoShopper.For(7, index);
        }

        using var database = new SqliteTestDatabase();
        await DemoTestShop.SeedAsync(database, DemoTestShop.Options(seed: 7));

        Assert.Equal(before, Enumerable.Range(1, 300).Select(i => Describe(DemoShopper.For(7, i))).ToList());
    }

    [Fact]
    public void For_ReturnsAKnownTaste_WhenGivenAFixedSeedAndIndex()
    {
        // Pins the algorithm across processes and machines: a change here changes every demo database
        // (and any campaign simulation that recomputes tastes), so the README must follow.
        var shopper = DemoShopper.For(42, 1);

        Assert.Equal("C000001", shopper.ExternalId);
        Assert.Equal(["Books", "Jewellery"], shopper.PreferredCategories.Select(p => p.Category));
        Assert.Equal(0.857390056369, shopper.PreferredCategories[0].Weight, 9);
        Assert.Equal(0.469057488419, shopper.PriceSensitivity, 9);
        Assert.Equal(0.607599966214, shopper.SessionsPerWeek, 9);
        Assert.Equal(0.076237221153, shopper.RepeatPropensity, 9);
        Assert.False(shopper.NeverBuys);
        Assert.Null(shopper.ChurnPoint);
        Assert.Equal(0.401524387043, DemoShopper.For(42, 2).RepeatPropensity, 9);
        Assert.Equal(Describe(shopper), Describe(DemoShopper.For(42, 1, DemoCategory.All)));
        Assert.NotEqual(Describe(shopper), Describe(DemoShopper.For(43, 1)));
        Assert.NotEqual(Describe(shopper), Describe(DemoShopper.For(42, 2)));
    }

    [Fact]
    public void For_DrawsOneToThreeWeightedCategories_WhenAppliedToManyShoppers()
    {
        var shoppers = Enumerable.Range(1, 4_000).Select(i => DemoShopper.For(3, i)).ToList();

        Assert.All(shoppers, s =>
        {
            Assert.InRange(s.PreferredCategories.Count, 1, 3);
            Assert.Equal(1.0, s.PreferredCategories.Sum(p => p.Weight), 9);
            Assert.Equal(s.PreferredCategories.Count, s.PreferredCategories.Select(p => p.Category).Distinct().Count());
            Assert.Equal(s.PreferredCategories.Select(p => p.Weight).OrderDescending(), s.PreferredCategories.Select(p => p.Weight));
            Assert.InRange(s.PriceSensitivity, 0, 1);
            Assert.InRange(s.SessionsPerWeek, 0.1, 7);
            Assert.InRange(s.RepeatPropensity, 0.05, 0.5);
            Assert.InRange(s.ChurnPoint ?? 0.5, 0.2, 0.9);
        });
        Assert.InRange(shoppers.Average(s => s.PreferredCategories.Count), 1.8, 2.1);
        Assert.InRange(shoppers.Count(s => s.NeverBuys) / 4_000.0, 0.09, 0.15);
        Assert.InRange(shoppers.Count(s => s.ChurnPoint is not null) / 4_000.0, 0.21, 0.29);

        // Popular categories are preferred by more people than niche ones.
        var fans = shoppers.SelectMany(s => s.PreferredCategories).GroupBy(p => p.Category).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(fans["Fashion"] > 3 * fans["Party Supplies"]);
    }

    [Theory]
    [InlineData("C000042", true, 42)]
    [InlineData("C000001", true, 1)]
    [InlineData("C1000000", true, 1_000_000)]
    [InlineData("C000000", false, 0)]
    [InlineData("C42", false, 0)]
    [InlineData("C0000042", false, 0)]
    [InlineData("c000042", false, 0)]
    [InlineData("X000042", false, 0)]
    [InlineData("C00004a", false, 0)]
    [InlineData("C-00042", false, 0)]
    [InlineData("C999999999999", false, 0)]
    [InlineData("", false, 0)]
    [InlineData(null, false, 0)]
    public void TryParseCustomerIndex_ReadsOnlyCanonicalIds_WhenGivenAnExternalId(string? externalId, bool expected, int expectedIndex)
    {
        Assert.Equal(expected, DemoShopper.TryParseCustomerIndex(externalId, out var index));
        Assert.Equal(expectedIndex, index);
    }

    [Fact]
    public void TryParseCustomerIndex_RoundTrips_WhenGivenAGeneratedId()
    {
        foreach (var index in new[] { 1, 9, 10, 999_999, 1_000_000 })
        {
            Assert.True(DemoShopper.TryParseCustomerIndex(DemoShopper.ExternalIdFor(index), out var parsed));
            Assert.Equal(index, parsed);
        }
    }

    private static string Describe(DemoShopper s) =>
        string.Join(";", s.PreferredCategories.Select(p => $"{p.Category}={p.Weight:R}")) +
        $"|{s.PriceSensitivity:R}|{s.SessionsPerWeek:R}|{s.RepeatPropensity:R}|{s.NeverBuys}|{s.ChurnPoint:R}";
}
