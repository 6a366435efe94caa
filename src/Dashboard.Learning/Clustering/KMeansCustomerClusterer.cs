using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Dashboard.Learning.Clustering;

/// <summary>
/// Behavioural clusters of buyers with ML.NET's k-means (k-means++ initialisation, fixed seed, one thread so the result
/// is reproducible) on the standardized features of <see cref="ClusterFeatureSpace"/>. Every k from <see cref="MinK"/> to
/// <see cref="MaxK"/> is trained; the chosen k has the highest mean silhouette coefficient (<see cref="Silhouette"/>) on a
/// fixed-seed sample of at most <see cref="SampleSize"/> buyers; ties go to the smaller k. Clusters are numbered by their
/// members' median spend, highest first, and described by <see cref="ClusterDescriber"/>. Non-buyers get no cluster.
/// </summary>
public sealed class KMeansCustomerClusterer : ICustomerClusterer
{
    public const string Criterion = "mean silhouette";
    public const int MinK = 2;
    public const int MaxK = 8;
    public const int SampleSize = 2_000;
    public const int Seed = 20_240_601;

    /// <summary>Fewer buyers than this are not clustered: a silhouette over a handful of points means nothing.</summary>
    public const int MinBuyers = 20;

    /// <summary>Silhouettes closer than this count as a tie (floating-point noise must not pick the larger k).</summary>
    private const double TieTolerance = 1e-9;

    public Task<ClusteringResult> ClusterAsync(IReadOnlyList<CustomerFeatures> features, CancellationToken ct) =>
        Task.Run(() => Cluster(features, ct), ct);

    private static ClusteringResult Cluster(IReadOnlyList<CustomerFeatures> features, CancellationToken ct)
    {
        var space = ClusterFeatureSpace.Build(features);
        if (space.Count < MinBuyers)
        {
            return ClusteringResult.Empty(Criterion);
        }

        var sample = Silhouette.Sample(space.Count, SampleSize, Seed);
        var samplePoints = sample.Select(i => space.Standardized[i]).ToArray();
        var candidates = new List<ClusterCandidate>();
        int[]? best = null;
        var bestScore = double.NegativeInfinity;
        for (var k = MinK; k <= Math.Min(MaxK, space.Count - 1); k++)
        {
            ct.ThrowIfCancellationRequested();
            var labels = Train(space, k);
            var score = Silhouette.Mean(samplePoints, [.. sample.Select(i => labels[i])]);
            candidates.Add(new ClusterCandidate(k, score));
            if (score > bestScore + TieTolerance)
            {
                (best, bestScore) = (labels, score);
            }
        }

        return Describe(space, best!, candidates);
    }

    /// <summary>Cluster labels (0-based, as ML.NET numbers them) for every buyer.</summary>
    private static int[] Train(ClusterFeatureSpace space, int k)
    {
        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromEnumerable(space.Standardized.Select(row => new Point { Features = [.. row.Select(v => (float)v)] }));
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            NumberOfClusters = k,
            FeatureColumnName = nameof(Point.Features),
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 1_000,
        });
        var model = trainer.Fit(data);
        return [.. ml.Data.CreateEnumerable<Assignment>(model.Transform(data), reuseRowObject: false).Select(a => (int)a.PredictedLabel - 1)];
    }

    private static ClusteringResult Describe(ClusterFeatureSpace space, int[] labels, List<ClusterCandidate> candidates)
    {
        var populationMedians = Enumerable.Range(0, ClusterFeatureSpace.Names.Count)
            .Select(d => ClusterDescriber.Median(space.Raw.Select(r => r[d]))).ToArray();
        // Empty clusters (possible on tied points) are dropped; the rest are numbered by median spend, then size.
        var groups = Enumerable.Range(0, space.Count).GroupBy(i => labels[i])
            .Select(g => g.ToList())
            .OrderByDescending(m => ClusterDescriber.Median(m.Select(i => space.Raw[i][ClusterFeatureSpace.Spend])))
            .ThenByDescending(m => m.Count)
            .ThenBy(m => m[0])
            .ToList();
        var assignments = new Dictionary<int, int>(space.Count);
        var clusters = new List<ClusterDescription>(groups.Count);
        for (var c = 0; c < groups.Count; c++)
        {
            foreach (var i in groups[c])
            {
                assignments[space.CustomerIds[i]] = c;
            }

            clusters.Add(ClusterDescriber.Describe(c, groups[c], space, populationMedians));
        }

        return new ClusteringResult(groups.Count, Criterion, assignments, candidates, clusters);
    }

    private sealed class Point
    {
        [VectorType(7)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Assignment
    {
        public uint PredictedLabel { get; set; }
    }
}
