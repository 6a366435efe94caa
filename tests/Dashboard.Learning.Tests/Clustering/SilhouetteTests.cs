using Dashboard.Learning.Clustering;

namespace Dashboard.Learning.Tests.Clustering;

public class SilhouetteTests
{
    [Fact]
    public void Mean_MatchesHandComputedValue_ForTwoPairsOnALine()
    {
        // {0, 1} and {4, 5}: every a = 1; b = 4.5 for the outer points and 3.5 for the inner ones.
        // s = 3.5/4.5 = 7/9 (outer) and 2.5/3.5 = 5/7 (inner); mean = (7/9 + 5/7) / 2 = 47/63.
        double[][] points = [[0], [1], [4], [5]];

        var mean = Silhouette.Mean(points, [0, 0, 1, 1]);

        Assert.Equal(47.0 / 63.0, mean, 12);
    }

    [Fact]
    public void Mean_CountsASingletonAsZero_AndPenalisesAMisplacedPoint()
    {
        // {0} alone: s = 0. {1, 3}: for 1, a = 2 and b = 1, s = -1/2; for 3, a = 2 and b = 3, s = 1/3. Mean = -1/18.
        double[][] points = [[0, 0], [1, 0], [3, 0]];

        var mean = Silhouette.Mean(points, [7, 2, 2]);

        Assert.Equal(-1.0 / 18.0, mean, 12);
    }

    [Fact]
    public void Mean_IsZero_WhenOnlyOneClusterHasMembers()
    {
        Assert.Equal(0, Silhouette.Mean([[0.0], [1.0], [2.0]], [3, 3, 3]));
    }

    [Fact]
    public void Sample_IsDistinctSortedAndRepeatable_WhenTheSetIsLarger()
    {
        var first = Silhouette.Sample(10_000, 2_000, seed: 5);

        Assert.Equal(2_000, first.Distinct().Count());
        Assert.Equal(first.Order(), first);
        Assert.Equal(first, Silhouette.Sample(10_000, 2_000, seed: 5));
        Assert.Equal(Enumerable.Range(0, 50), Silhouette.Sample(50, 2_000, seed: 5));
    }
}
