using System.Text.Json.Serialization;
using Dashboard.Core.Recommendations.Evaluation;

namespace Dashboard.Cli.Commands;

/// <summary>
/// The <c>evaluate --json</c> document: <c>{"models":[{"name", "hr@10", "ndcg@10", "mrr@10", "recall@20", "coverage",
/// "trainSeconds", …}], "split":{…}}</c>. The metric keys are spelt as in the literature, so scripts and the reference
/// measurement compare by name.
/// </summary>
public sealed record EvaluationSummary(IReadOnlyList<ModelSummary> Models, SplitDescription Split)
{
    public static EvaluationSummary From(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new EvaluationSummary([.. report.Models.Select(ModelSummary.From)], report.Split);
    }
}

public sealed record ModelSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hr@10")] double HitRate10,
    [property: JsonPropertyName("ndcg@10")] double Ndcg10,
    [property: JsonPropertyName("mrr@10")] double Mrr10,
    [property: JsonPropertyName("recall@20")] double Recall20,
    [property: JsonPropertyName("coverage")] double Coverage,
    [property: JsonPropertyName("trainSeconds")] double TrainSeconds,
    [property: JsonPropertyName("scoreSeconds")] double ScoreSeconds,
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("repeat")] SliceSummary Repeat,
    [property: JsonPropertyName("new")] SliceSummary New)
{
    public static ModelSummary From(ModelEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var m = evaluation.Metrics;
        return new ModelSummary(
            evaluation.Name, m.HitRate10, m.Ndcg10, m.Mrr10, m.Recall20, m.Coverage10, evaluation.TrainSeconds, evaluation.ScoreSeconds, m.Customers,
            SliceSummary.From(m.Repeat), SliceSummary.From(m.New));
    }
}

/// <summary>A slice's HR@10 and NDCG@10 over the <see cref="Customers"/> who have a target of its kind.</summary>
public sealed record SliceSummary(
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("hr@10")] double HitRate10,
    [property: JsonPropertyName("ndcg@10")] double Ndcg10)
{
    public static SliceSummary From(SliceMetrics slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return new SliceSummary(slice.Customers, slice.HitRate10, slice.Ndcg10);
    }
}
