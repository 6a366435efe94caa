using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Segments;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Segments;

public sealed class SegmentsServiceTests : IDisposable
{
    private const string BuyOften = "Cluster 1: Buy often, high spenders";

    private readonly SqliteTestDatabase _db = new();
    private readonly SegmentHistory _history;
    private readonly SegmentsService _service;

    public SegmentsServiceTests()
    {
        _history = new SegmentHistory(_db);
        _service = new SegmentsService(_db);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task OverviewAsync_IsEmpty_WhenThereAreNoSegments()
    {
        var overview = await _service.OverviewAsync();

        Assert.Empty(overview.Segments);
        Assert.Empty(overview.Runs);
        Assert.Null(overview.PreviousRun);
    }

    [Fact]
    public async Task OverviewAsync_ComputesChangeSinceThePreviousRun_MatchingClustersByName()
    {
        await _history.RunAsync(SegmentHistory.Night(0),
            (SegmentKind.Rfm, "Champions", 10, 1000), (SegmentKind.Rfm, "Lost", 20, 200),
            (SegmentKind.Cluster, BuyOften, 5, 900), (SegmentKind.Cluster, "Cluster 2: Lapsed one-time buyers", 8, 300));
        await _history.RunAsync(SegmentHistory.Night(1),
            (SegmentKind.Rfm, "Champions", 12, 1100), (SegmentKind.Rfm, "Lost", 15, 150),
            (SegmentKind.Cluster, BuyOften, 7, 950), (SegmentKind.Cluster, "Cluster 2: Bargain hunters", 6, 120));

        var overview = await _service.OverviewAsync();

        Assert.Equal([SegmentHistory.Night(0), SegmentHistory.Night(1)], overview.Runs);
        Assert.Equal(SegmentHistory.Night(0), overview.PreviousRun);
        var rows = overview.Segments.ToDictionary(s => s.Name);
        Assert.Equal(4, rows.Count);
        Assert.Equal((10, 2, 0.2), (rows["Champions"].PreviousCount!.Value, rows["Champions"].Change!.Value, rows["Champions"].ChangeFraction!.Value));
        Assert.Equal((20, -5, -0.25), (rows["Lost"].PreviousCount!.Value, rows["Lost"].Change!.Value, rows["Lost"].ChangeFraction!.Value));
        Assert.Equal([5, 7], rows[BuyOften].Sizes);
        Assert.Equal(2, rows[BuyOften].Change);
        // Cluster 2 was described differently last run: a different group, so no trend.
        var bargain = rows["Cluster 2: Bargain hunters"];
        Assert.Equal([null, 6], bargain.Sizes);
        Assert.Null(bargain.PreviousCount);
        Assert.Null(bargain.Change);
    }

    [Fact]
    public async Task OverviewAsync_GivesSharesOfCustomersAndRevenueWithinEachKind()
    {
        await _history.RunAsync(SegmentHistory.Night(0),
            (SegmentKind.Rfm, "Champions", 30, 750), (SegmentKind.Rfm, "Lost", 70, 250),
            (SegmentKind.Cluster, BuyOften, 10, 400), (SegmentKind.Cluster, "Cluster 2: Bargain hunters", 30, 100));

        var rows = (await _service.OverviewAsync()).Segments.ToDictionary(s => s.Name);

        Assert.Equal((0.3, 0.75), (rows["Champions"].CustomerShare, rows["Champions"].RevenueShare));
        Assert.Equal((0.7, 0.25), (rows["Lost"].CustomerShare, rows["Lost"].RevenueShare));
        Assert.Equal((0.25, 0.8), (rows[BuyOften].CustomerShare, rows[BuyOften].RevenueShare));
        Assert.Equal(
            ["Champions", "Lost", BuyOften, "Cluster 2: Bargain hunters"],
            (await _service.OverviewAsync()).Segments.Select(s => s.Name));
    }

    [Fact]
    public async Task OverviewAsync_CoversOnlyTheLatestRuns_WhenThereAreMore()
    {
        for (var night = 0; night < 5; night++)
        {
            await _history.RunAsync(SegmentHistory.Night(night), (SegmentKind.Rfm, "Champions", 10 + night, 100));
        }

        var overview = await _service.OverviewAsync(runs: 3);

        Assert.Equal([SegmentHistory.Night(2), SegmentHistory.Night(3), SegmentHistory.Night(4)], overview.Runs);
        var champions = Assert.Single(overview.Segments);
        Assert.Equal([12, 13, 14], champions.Sizes);
        Assert.Equal(13, champions.PreviousCount);
    }

    [Fact]
    public async Task OverviewAsync_HasNoPreviousRun_WhenThereHasBeenOnlyOne()
    {
        await _history.RunAsync(SegmentHistory.Night(0), (SegmentKind.Rfm, "Champions", 10, 100), (SegmentKind.Cluster, BuyOften, 4, 50));

        var overview = await _service.OverviewAsync();

        Assert.Equal([SegmentHistory.Night(0)], overview.Runs);
        Assert.Null(overview.PreviousRun);
        Assert.All(overview.Segments, s => Assert.Null(s.PreviousCount));
        Assert.Equal([[10], [4]], overview.Segments.Select(s => s.Sizes));
    }

    [Fact]
    public async Task OverviewAsync_HasNoRuns_WhenSegmentsPredateSnapshots()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.Segments.Add(new Segment { Name = "Champions", Kind = SegmentKind.Rfm, CustomerCount = 10, ComputedAt = SegmentHistory.Night(0) });
            await db.SaveChangesAsync();
        }

        var overview = await _service.OverviewAsync();

        Assert.Empty(overview.Runs);
        Assert.Null(overview.PreviousRun);
        Assert.Empty(Assert.Single(overview.Segments).Sizes);
    }

    [Fact]
    public async Task OverviewAsync_FollowsTwoRealProfileRuns_ByKindAndName()
    {
        var shop = new Shop(_db);
        var ann = await shop.CustomerAsync("C-1", SegmentHistory.FirstRun.AddYears(-1));
        await shop.PurchaseAsync(ann, SegmentHistory.FirstRun.AddDays(-10), 120m);
        await shop.CustomerAsync("C-2", SegmentHistory.FirstRun.AddYears(-1));
        await BuildProfilesAsync(SegmentHistory.Night(0), new FixedClusters(("Buy often, high spenders", [ann.Id])));

        var bob = await shop.CustomerAsync("C-3", SegmentHistory.FirstRun);
        await shop.PurchaseAsync(bob, SegmentHistory.FirstRun.AddHours(5), 15m);
        await shop.CustomerAsync("C-4", SegmentHistory.FirstRun);
        await shop.CustomerAsync("C-5", SegmentHistory.FirstRun);
        await BuildProfilesAsync(SegmentHistory.Night(1), new FixedClusters(("Buy often, high spenders", [ann.Id]), ("Bargain hunters", [bob.Id])));

        var overview = await _service.OverviewAsync();

        Assert.Equal([SegmentHistory.Night(0), SegmentHistory.Night(1)], overview.Runs);
        var rows = overview.Segments.ToDictionary(s => (s.Kind, s.Name));
        // Prospects (never purchased): C-2, then C-2, C-4 and C-5.
        var prospects = rows[(SegmentKind.Rfm, RfmScoring.Prospect)];
        Assert.Equal([1, 3], prospects.Sizes);
        Assert.Equal((2, 2.0), (prospects.Change!.Value, prospects.ChangeFraction!.Value));
        Assert.Equal(0, rows[(SegmentKind.Cluster, BuyOften)].Change);
        Assert.Null(rows[(SegmentKind.Cluster, "Cluster 2: Bargain hunters")].PreviousCount);
        // Every RFM segment is written at each run, so together they count every customer then.
        Assert.Equal(2, overview.Segments.Where(s => s.Kind == SegmentKind.Rfm).Sum(s => s.PreviousCount));
        Assert.Equal(5, overview.Segments.Where(s => s.Kind == SegmentKind.Rfm).Sum(s => s.CustomerCount));
    }

    private Task<ProfileBuildResult> BuildProfilesAsync(DateTime at, ICustomerClusterer clusterer) =>
        new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), new FixedTimeProvider(new DateTimeOffset(at)), clusterer).BuildAsync();

    /// <summary>A clusterer that puts the given customers in the given, named clusters, in that order.</summary>
    private sealed class FixedClusters(params (string Name, int[] CustomerIds)[] clusters) : ICustomerClusterer
    {
        public Task<ClusteringResult> ClusterAsync(IReadOnlyList<CustomerFeatures> features, CancellationToken ct) =>
            Task.FromResult(new ClusteringResult(
                clusters.Length,
                "fixed",
                clusters.SelectMany((c, index) => c.CustomerIds.Select(id => (id, index))).ToDictionary(a => a.id, a => a.index),
                [],
                [.. clusters.Select((c, index) => new ClusterDescription(index, c.Name, c.Name + ".", c.CustomerIds.Length, []))]));
    }
}
