using Dashboard.Core.Profiles;
using Dashboard.Learning.Clustering;

namespace Dashboard.Learning.Tests.Clustering;

public class KMeansCustomerClustererTests
{
    private readonly KMeansCustomerClusterer _clusterer = new();

    [Fact]
    public async Task ClusterAsync_ChoosesThreeAndRecoversThePlantedGroups_WhenThreeGroupsArePlanted()
    {
        var (features, groups) = PlantedPopulation.Create();

        var result = await _clusterer.ClusterAsync(features, CancellationToken.None);

        Assert.Equal(3, result.K);
        Assert.Equal(KMeansCustomerClusterer.Criterion, result.Criterion);
        Assert.Equal(Enumerable.Range(2, 7), result.Candidates.Select(c => c.K));
        Assert.Equal(result.Candidates.Max(c => c.Score), result.Candidates.Single(c => c.K == 3).Score);
        Assert.Equal(groups.Count, result.Assignments.Count);
        // Purity: each planted group sits (almost) entirely in one cluster, and the three clusters differ.
        var clusterOf = groups.GroupBy(g => g.Value).ToDictionary(g => g.Key, g =>
        {
            var counts = g.GroupBy(x => result.Assignments[x.Key]).OrderByDescending(c => c.Count()).ToList();
            Assert.True(counts[0].Count() >= 0.95 * g.Count(), $"{g.Key}: {string.Join(", ", counts.Select(c => $"{c.Key}: {c.Count()}"))}");
            return counts[0].Key;
        });
        Assert.Equal(3, clusterOf.Values.Distinct().Count());
        Assert.Equal(groups.Count, result.Clusters.Sum(c => c.Size));
    }

    [Fact]
    public async Task ClusterAsync_DescribesEachGroupInAMarketersWords_WhenThreeGroupsArePlanted()
    {
        var (features, groups) = PlantedPopulation.Create();

        var result = await _clusterer.ClusterAsync(features, CancellationToken.None);

        string NameOf(string group) => result.Clusters[result.Assignments[groups.First(g => g.Value == group).Key]].Name;
        Assert.StartsWith("High spenders", NameOf(PlantedPopulation.HighSpenders), StringComparison.Ordinal);
        Assert.StartsWith("Lapsed one-time buyers", NameOf(PlantedPopulation.LapsedOneTimers), StringComparison.Ordinal);
        Assert.StartsWith("Buy often", NameOf(PlantedPopulation.FrequentSmallBaskets), StringComparison.Ordinal);
        Assert.Contains("small baskets", NameOf(PlantedPopulation.FrequentSmallBaskets), StringComparison.Ordinal);
        // Numbered by median spend, highest first: the high spenders are cluster 0.
        Assert.Equal(0, result.Assignments[groups.First(g => g.Value == PlantedPopulation.HighSpenders).Key]);
        Assert.All(result.Clusters, c => Assert.StartsWith("150 buyers (33%). Typical member", c.Sentence, StringComparison.Ordinal));
        Assert.All(result.Clusters, c => Assert.Equal(7, c.Traits.Count));
    }

    [Fact]
    public async Task ClusterAsync_GivesNoClusterToCustomersWhoNeverBought()
    {
        var (features, _) = PlantedPopulation.Create();

        var result = await _clusterer.ClusterAsync(features, CancellationToken.None);

        Assert.All(features.Where(f => !f.HasPurchased), f => Assert.False(result.Assignments.ContainsKey(f.CustomerId)));
    }

    [Fact]
    public async Task ClusterAsync_ReturnsTheSameClusters_ForTheSameInputInAnyOrder()
    {
        var (features, _) = PlantedPopulation.Create(perGroup: 120, seed: 9);

        var first = await _clusterer.ClusterAsync(features, CancellationToken.None);
        var second = await new KMeansCustomerClusterer().ClusterAsync([.. Enumerable.Reverse(features)], CancellationToken.None);

        Assert.Equal(first.K, second.K);
        Assert.Equal(first.Candidates, second.Candidates);
        Assert.Equal(first.Assignments.OrderBy(a => a.Key), second.Assignments.OrderBy(a => a.Key));
        Assert.Equal(first.Clusters.Select(c => (c.Name, c.Sentence, c.Size)), second.Clusters.Select(c => (c.Name, c.Sentence, c.Size)));
    }

    [Fact]
    public async Task ClusterAsync_ReturnsNoClusters_WhenThereAreTooFewBuyers()
    {
        var (features, _) = PlantedPopulation.Create(perGroup: 3);

        var result = await _clusterer.ClusterAsync(features, CancellationToken.None);

        Assert.Equal(0, result.K);
        Assert.Empty(result.Assignments);
        Assert.Empty(result.Clusters);
    }

    [Fact]
    public void ClusterSegmentName_NumbersTheClusterFromOne()
    {
        var cluster = new ClusterDescription(0, "High spenders, buy often", "...", 10, []);

        Assert.Equal("Cluster 1: High spenders, buy often", ClusterSegments.Name(cluster));
    }
}
