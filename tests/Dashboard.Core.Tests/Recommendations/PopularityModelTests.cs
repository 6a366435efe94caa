using Dashboard.Core.Recommendations;

namespace Dashboard.Core.Tests.Recommendations;

public class PopularityModelTests
{
    // Products 1-3 are Books, 11-13 Garden, 21-22 Toys; the overall list keeps only the top 3, as a trained model keeps its top 100.
    private static readonly PopularityModel Model = new(
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc),
        [new(21, 90), new(1, 80), new(11, 70)],
        new Dictionary<string, IReadOnlyList<ScoredProduct>>
        {
            ["Books"] = [new(1, 80), new(2, 40), new(3, 30)],
            ["Garden"] = [new(11, 70), new(12, 40), new(13, 20)],
            ["Toys"] = [new(21, 90), new(22, 50)],
        });

    [Fact]
    public void Only_KeepsTheGivenProducts_AndRanksThoseThatMissedTheOverallTop()
    {
        var limited = Model.Only(new HashSet<int> { 3, 12, 2, 11 });

        // Merged by orders from the category lists; the tie at 40 goes to the lower id, as the trainer breaks ties.
        Assert.Equal([11, 2, 12, 3], limited.Global.Select(p => p.ProductId));
        Assert.Equal(["Books", "Garden"], limited.ByCategory.Keys.Order());
        Assert.Equal([2, 3], limited.ByCategory["Books"].Select(p => p.ProductId));
        Assert.Equal(Model.WindowEnd, limited.WindowEnd);
    }

    [Fact]
    public void Only_LetsTheRankerFillItsListFromTheGivenProducts()
    {
        var toyLover = new Dictionary<string, double> { ["Toys"] = 1 };

        var picks = PersonalizedRanker.ForCustomer(Model.Only(new HashSet<int> { 2, 3, 13 }), toyLover, new HashSet<int>(), 3);

        // No toy is eligible: the three eligible products, best first, although none is in the overall top 3.
        Assert.Equal([2, 3, 13], picks.Select(p => p.ProductId));
    }
}
