using Dashboard.Core.Recommendations;

namespace Dashboard.Core.Tests.Recommendations;

public class PersonalizedRankerTests
{
    // Products 1-3 are Books, 11-13 Garden, 21-23 Toys; global order by popularity.
    private static readonly PopularityModel Model = new(
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc),
        [new(21, 90), new(1, 80), new(11, 70), new(2, 60), new(22, 50), new(12, 40), new(3, 30), new(13, 20), new(23, 10)],
        new Dictionary<string, IReadOnlyList<ScoredProduct>>
        {
            ["Books"] = [new(1, 80), new(2, 60), new(3, 30)],
            ["Garden"] = [new(11, 70), new(12, 40), new(13, 20)],
            ["Toys"] = [new(21, 90), new(22, 50), new(23, 10)],
        });

    [Fact]
    public void ForCustomer_SplitsSlotsByCategoryShare_AndTopsUpWithBestSellers()
    {
        // Books 3/4 of purchases, Garden 1/4: 5 slots -> round(3.75)=4 Books (only 3 exist), then Garden gets 1.
        var shares = new Dictionary<string, double> { ["Books"] = 3, ["Garden"] = 1 };

        var picks = PersonalizedRanker.ForCustomer(Model, shares, new HashSet<int>(), 5);

        Assert.Equal([1, 2, 3, 11, 21], picks.Select(p => p.ProductId));
        Assert.StartsWith("Popular in Books", picks[0].Reason, StringComparison.Ordinal);
        Assert.Equal("Best-seller this month", picks[4].Reason);
    }

    [Fact]
    public void ForCustomer_SkipsExcludedProducts()
    {
        var shares = new Dictionary<string, double> { ["Garden"] = 1 };

        var picks = PersonalizedRanker.ForCustomer(Model, shares, new HashSet<int> { 11, 21 }, 3);

        Assert.Equal([12, 13, 1], picks.Select(p => p.ProductId));
    }

    [Fact]
    public void ForCustomer_FallsBackToBestSellers_WhenNoHistory()
    {
        var picks = PersonalizedRanker.ForCustomer(Model, new Dictionary<string, double>(), new HashSet<int>(), 3);

        Assert.Equal([21, 1, 11], picks.Select(p => p.ProductId));
        Assert.All(picks, p => Assert.Equal("Best-seller this month", p.Reason));
    }

    [Fact]
    public void ToBytes_RoundTrips()
    {
        var copy = PopularityModel.FromBytes(Model.ToBytes());

        Assert.Equal(Model.Global, copy.Global);
        Assert.Equal(Model.ByCategory["Toys"], copy.ByCategory["Toys"]);
        Assert.Equal(Model.WindowEnd, copy.WindowEnd);
    }
}
