using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles.Scoring;
using Microsoft.ML;

namespace Dashboard.Learning.Scoring;

/// <summary>
/// A fitted gradient-boosted tree classifier and ML.NET's feature-contribution calculator on top of it: for each
/// prediction the trees' per-feature contributions to the raw score (log-odds).
/// </summary>
internal sealed class TreeScoreModel(
    MLContext ml, ITransformer model, ITransformer contributions, DataViewSchema inputSchema,
    string method, IReadOnlyDictionary<string, string> parameters) : IFittedScoreModel
{
    public string Method => method;

    public IReadOnlyDictionary<string, string> Parameters => parameters;

    public IReadOnlyList<ScorePrediction> Predict(IReadOnlyList<CustomerFeatures> rows, int explanations, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var vectors = rows.Select(ScoreFeatureVector.Of).ToList();
        var data = ScoreRows.Load(ml, vectors, ScoreFeatureVector.Length);
        var scored = contributions.Transform(model.Transform(data));
        var predictions = new List<ScorePrediction>(rows.Count);
        foreach (var (output, i) in ml.Data.CreateEnumerable<ScoreRows.ProbabilityOutput>(scored, reuseRowObject: false).Select((o, i) => (o, i)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            predictions.Add(new ScorePrediction(output.Probability, Top(output.FeatureContributions, vectors[i], explanations)));
        }

        return predictions;
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputSchema, stream);
        return stream.ToArray();
    }

    private static List<FeatureContribution> Top(float[] contributions, float[] values, int count) =>
        count <= 0
            ? []
            : contributions.Select((c, f) => (Feature: f, Contribution: new FeatureContribution(ScoreFeatureVector.Names[f], values[f], c)))
                .Where(c => c.Contribution.Contribution != 0)
                .OrderByDescending(c => Math.Abs(c.Contribution.Contribution))
                .ThenBy(c => c.Feature)
                .Select(c => c.Contribution)
                .Take(count)
                .ToList();
}
