using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Tests.Recommendations.Baselines;

public sealed class RankingTests
{
    [Fact]
    public void Top_RanksHighestFirst_TiesByLowerIndex()
    {
        float[] scores = [0.5f, 2f, 0.5f, 3f, 2f];
        var top = new int[5];

        var count = Ranking.Top(scores, top);

        Assert.Equal(5, count);
        Assert.Equal([3, 1, 4, 0, 2], top);
    }

    [Fact]
    public void Top_KeepsTheEarlierItem_WhenATieFallsAtTheLastPlace()
    {
        float[] scores = [1f, 5f, 1f, 1f];
        var top = new int[2];

        Ranking.Top(scores, top);

        Assert.Equal([1, 0], top);
    }

    [Fact]
    public void Top_RanksNaNLast_AndStopsAtTheCatalogueSize()
    {
        float[] scores = [float.NaN, -1f, 0f];
        var top = new int[10];

        var count = Ranking.Top(scores, top);

        Assert.Equal(3, count);
        Assert.Equal([2, 1, 0], top[..count]);
    }
}
