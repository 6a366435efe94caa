using System.Globalization;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles.Scoring;
using Microsoft.ML;

namespace Dashboard.Learning.Scoring;

/// <summary>
/// The probability baseline: logistic regression on the three RFM inputs, log-transformed (recency, orders and net revenue
/// are all heavily skewed) and standardized. It is what an analyst would fit first; a boosted model has to beat it.
/// </summary>
internal sealed class RfmLogisticBaseline(MLContext ml, ITransformer model, DataViewSchema inputSchema) : IFittedScoreModel
{
    public const int Width = 3;

    public string Method => "logistic regression on log recency, log orders and log net revenue";

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    public static float[] Vector(CustomerFeatures f) =>
    [
        (float)Math.Log(1 + f.RecencyDays!.Value),
        (float)Math.Log(1 + f.Frequency),
        (float)Math.Log(1 + Math.Max(0, (double)f.Monetary)),
    ];

    public static RfmLogisticBaseline Fit(MLContext ml, IReadOnlyList<ScoreExample> training)
    {
        var data = ScoreRows.Load(ml, training, Vector, Width);
        var pipeline = ml.Transforms.NormalizeMeanVariance(ScoreRows.Features)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(ScoreRows.Label, ScoreRows.Features));
        return new RfmLogisticBaseline(ml, pipeline.Fit(data), data.Schema);
    }

    public IReadOnlyList<ScorePrediction> Predict(IReadOnlyList<CustomerFeatures> rows, int explanations, CancellationToken cancellationToken)
    {
        var data = ScoreRows.Load(ml, rows.Select(Vector), Width);
        return [.. ml.Data.CreateEnumerable<ProbabilityOnly>(model.Transform(data), reuseRowObject: false)
            .Select(o => new ScorePrediction(o.Probability, []))];
    }

    public byte[] Serialize()
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, inputSchema, stream);
        return stream.ToArray();
    }

    private sealed class ProbabilityOnly
    {
        public float Probability { get; set; }
    }
}

/// <summary>
/// The amount baseline, no fitting at all: the customer's run rate so far. Net revenue per day since the first purchase
/// (at least <see cref="MinDays"/> days, so that a first-week buyer is not extrapolated from one order), times the horizon.
/// </summary>
internal sealed class RunRateBaseline(int horizonDays) : IFittedScoreModel
{
    public const int MinDays = 30;

    public string Method => string.Create(CultureInfo.InvariantCulture, $"run rate: net revenue per day since the first purchase (at least {MinDays} days) x {horizonDays}");

    public IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>();

    public IReadOnlyList<ScorePrediction> Predict(IReadOnlyList<CustomerFeatures> rows, int explanations, CancellationToken cancellationToken) =>
        [.. rows.Select(f => new ScorePrediction(Math.Max(0, (double)f.Monetary) / Math.Max(MinDays, f.TenureDays!.Value + 1) * horizonDays, []))];

    public byte[] Serialize() => [];
}
