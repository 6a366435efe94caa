using Dashboard.Core.Preprocessing;

namespace Dashboard.Core.Profiles;

/// <summary>
/// Groups buyers by behaviour. The profile stage calls it without knowing how it works (the implementation lives in
/// Dashboard.Learning, so Core stays free of ML runtimes); where no clusterer is registered, clusters stay null.
/// </summary>
public interface ICustomerClusterer
{
    /// <summary>Clusters the buyers among <paramref name="features"/>; customers who never purchased get no cluster.</summary>
    Task<ClusteringResult> ClusterAsync(IReadOnlyList<CustomerFeatures> features, CancellationToken ct);
}

/// <summary>
/// The outcome of one clustering: each clustered customer's cluster index (0-based, into <see cref="Clusters"/>), the k
/// that was chosen, the criterion value of every k that was tried, and a description of each cluster.
/// <see cref="K"/> is 0 (and everything empty) when there were too few buyers to cluster.
/// </summary>
public sealed record ClusteringResult(
    int K,
    string Criterion,
    IReadOnlyDictionary<int, int> Assignments,
    IReadOnlyList<ClusterCandidate> Candidates,
    IReadOnlyList<ClusterDescription> Clusters)
{
    public static ClusteringResult Empty(string criterion) => new(0, criterion, new Dictionary<int, int>(), [], []);
}

/// <summary>One k that was tried and its criterion value (higher is better).</summary>
public readonly record struct ClusterCandidate(int K, double Score);

/// <summary>A cluster in a marketer's words: a short name, a sentence with its typical values, its size and traits.</summary>
public sealed record ClusterDescription(int Index, string Name, string Sentence, int Size, IReadOnlyList<ClusterTrait> Traits);

/// <summary>
/// One feature of a cluster against the whole clustered population: the members' median and the population's median (in
/// original units: money, orders, days, a 0..1 rate, products), and the cluster centroid's z-score on the standardized
/// (log-transformed where skewed) feature, which decides the wording.
/// </summary>
public sealed record ClusterTrait(string Feature, double Median, double PopulationMedian, double ZScore);
