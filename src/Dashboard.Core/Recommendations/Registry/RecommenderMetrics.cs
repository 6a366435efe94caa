using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Recommendations.Evaluation;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// A recommender version's holdout metrics as stored in <see cref="Models.ModelVersion.MetricsJson"/>, with the split
/// they were measured on, because two versions' figures compare only on the same split.
/// </summary>
public sealed record RecommenderMetrics(
    [property: JsonPropertyName(RecommenderMetrics.Ndcg10Name)] double Ndcg10,
    [property: JsonPropertyName(RecommenderMetrics.HitRate10Name)] double HitRate10,
    [property: JsonPropertyName(RecommenderMetrics.Mrr10Name)] double Mrr10,
    [property: JsonPropertyName(RecommenderMetrics.Recall20Name)] double Recall20,
    [property: JsonPropertyName("coverage@10")] double Coverage10,
    [property: JsonPropertyName("split")] SplitDescription Split)
{
    public const string Ndcg10Name = "ndcg@10";
    public const string HitRate10Name = "hr@10";
    public const string Mrr10Name = "mrr@10";
    public const string Recall20Name = "recall@20";

    public static IReadOnlyList<string> Names { get; } = [Ndcg10Name, HitRate10Name, Mrr10Name, Recall20Name];

    public static RecommenderMetrics From(ModelMetrics metrics, SplitDescription split)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new(metrics.Ndcg10, metrics.HitRate10, metrics.Mrr10, metrics.Recall20, metrics.Coverage10, split);
    }

    /// <summary>The named metric (see <see cref="Names"/>), for the promotion policy.</summary>
    public static double Metric(ModelMetrics metrics, string name)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return name switch
        {
            Ndcg10Name => metrics.Ndcg10,
            HitRate10Name => metrics.HitRate10,
            Mrr10Name => metrics.Mrr10,
            Recall20Name => metrics.Recall20,
            _ => throw new ArgumentException($"\"{name}\" is not a promotion metric; use one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The stored metrics, or null for a version without (parse errors included: the page still lists it).</summary>
    public static RecommenderMetrics? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RecommenderMetrics>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
