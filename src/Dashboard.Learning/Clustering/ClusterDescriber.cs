using System.Globalization;
using Dashboard.Core.Profiles;

namespace Dashboard.Learning.Clustering;

/// <summary>
/// Puts a cluster into words by comparing its centroid with the whole population of buyers. The centroid's z-score on a
/// feature (the members' mean of the standardized, log-transformed feature; the population's mean is 0 and its standard
/// deviation 1) decides the wording:
/// <list type="bullet">
/// <item>z ≥ +<see cref="Threshold"/> (half a standard deviation above everyone): "high spenders", "buy often", "lapsed",
/// "big baskets", "return a lot", "long-standing", "buy a wide range";</item>
/// <item>z ≤ −<see cref="Threshold"/>: "low spenders", "one-time buyers" (when the members' median is one order, else
/// "buy rarely"), "recently active", "small baskets", "new", "buy few products" (a low return rate is not news);</item>
/// <item>the name is (up to) <see cref="MaxNameTraits"/> such words: spend, orders and recency first (what a marketer
/// reads first), then the others, each group by |z|, largest first (ties in feature order), e.g. "High spenders, buy
/// often, recently active"; "lapsed" with "one-time buyers" reads "lapsed one-time buyers"; a cluster with none is
/// "Typical buyers".</item>
/// </list>
/// The sentence gives the members' medians in original units next to all buyers' medians. Everything is a pure function
/// of the numbers, so the same clusters always get the same words.
/// </summary>
internal static class ClusterDescriber
{
    public const double Threshold = 0.5;
    public const int MaxNameTraits = 3;

    public static ClusterDescription Describe(int index, IReadOnlyList<int> members, ClusterFeatureSpace space, double[] populationMedians)
    {
        var dimensions = ClusterFeatureSpace.Names.Count;
        var traits = new List<ClusterTrait>(dimensions);
        for (var d = 0; d < dimensions; d++)
        {
            var z = members.Average(i => space.Standardized[i][d]);
            var median = Median(members.Select(i => space.Raw[i][d]));
            traits.Add(new ClusterTrait(ClusterFeatureSpace.Names[d], median, populationMedians[d], Math.Round(z, 6)));
        }

        var words = traits
            .Select((t, d) => (Phrase: Phrase(d, t), Strength: Math.Abs(t.ZScore), Feature: d))
            .Where(w => w.Phrase is not null && w.Strength >= Threshold)
            .OrderBy(w => w.Feature <= ClusterFeatureSpace.Recency ? 0 : 1).ThenByDescending(w => w.Strength).ThenBy(w => w.Feature)
            .Take(MaxNameTraits)
            .Select(w => w.Phrase!)
            .ToList();
        if (words.Contains("lapsed") && words.Remove("one-time buyers"))
        {
            words[words.IndexOf("lapsed")] = "lapsed one-time buyers";
        }

        var name = words.Count == 0 ? "Typical buyers" : Capitalize(string.Join(", ", words));
        var share = (double)members.Count / space.Count;
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"{members.Count} buyers ({share:0%}). Typical member (all buyers in brackets): {traits[ClusterFeatureSpace.Orders].Median:0.#} orders ({populationMedians[ClusterFeatureSpace.Orders]:0.#}), " +
            $"spent {traits[ClusterFeatureSpace.Spend].Median:N0} ({populationMedians[ClusterFeatureSpace.Spend]:N0}), " +
            $"{traits[ClusterFeatureSpace.AverageOrder].Median:N0} per order ({populationMedians[ClusterFeatureSpace.AverageOrder]:N0}), " +
            $"last bought {traits[ClusterFeatureSpace.Recency].Median:0} days ago ({populationMedians[ClusterFeatureSpace.Recency]:0}), " +
            $"customer for {traits[ClusterFeatureSpace.Tenure].Median:0} days ({populationMedians[ClusterFeatureSpace.Tenure]:0}), " +
            $"{traits[ClusterFeatureSpace.Products].Median:0} products ({populationMedians[ClusterFeatureSpace.Products]:0}), " +
            $"returns {traits[ClusterFeatureSpace.ReturnRate].Median:0%} of value ({populationMedians[ClusterFeatureSpace.ReturnRate]:0%}).");
        return new ClusterDescription(index, name, sentence, members.Count, traits);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string? Phrase(int feature, ClusterTrait trait)
    {
        var high = trait.ZScore > 0;
        return feature switch
        {
            ClusterFeatureSpace.Spend => high ? "high spenders" : "low spenders",
            ClusterFeatureSpace.Orders => high ? "buy often" : trait.Median <= 1 ? "one-time buyers" : "buy rarely",
            ClusterFeatureSpace.Recency => high ? "lapsed" : "recently active",
            ClusterFeatureSpace.AverageOrder => high ? "big baskets" : "small baskets",
            ClusterFeatureSpace.ReturnRate => high ? "return a lot" : null,
            ClusterFeatureSpace.Tenure => high ? "long-standing" : "new",
            ClusterFeatureSpace.Products => high ? "buy a wide range" : "buy few products",
            _ => null,
        };
    }

    private static string Capitalize(string text) => string.Concat(text[..1].ToUpperInvariant(), text.AsSpan(1));
}
