using Dashboard.Core.Preprocessing;

namespace Dashboard.Core.Profiles.Scoring;

/// <summary>
/// Fits the models behind the predictive scores. Core owns the protocol (time-based split, evaluation against the
/// baseline, storing versions: <see cref="CustomerScorer"/>); the implementation (Dashboard.Learning, ML.NET) only fits
/// and predicts, so Core stays free of ML runtimes. Without a registered trainer profiles carry no scores.
/// </summary>
public interface IScoreModelTrainer
{
    /// <summary>The model that makes the score (e.g. gradient-boosted trees); it explains its predictions.</summary>
    IFittedScoreModel Fit(ScoreDefinition definition, IReadOnlyList<ScoreExample> training, CancellationToken cancellationToken);

    /// <summary>The simple model the score has to beat (e.g. logistic regression on recency, frequency and value).</summary>
    IFittedScoreModel FitBaseline(ScoreDefinition definition, IReadOnlyList<ScoreExample> training, CancellationToken cancellationToken);
}

/// <summary>A buyer's features at a cut-off and what happened in the horizon after it (1/0, or an amount).</summary>
public readonly record struct ScoreExample(CustomerFeatures Features, double Label);

/// <summary>A fitted model: predictions for buyers, optionally with the features that drove each one.</summary>
public interface IFittedScoreModel
{
    /// <summary>What it is, for people: e.g. "LightGBM, 200 trees of 15 leaves".</summary>
    string Method { get; }

    /// <summary>The settings it was fitted with, stored on the model version.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>One prediction per row, in order: a probability (0..1) or an amount (never negative).</summary>
    IReadOnlyList<ScorePrediction> Predict(IReadOnlyList<CustomerFeatures> rows, int explanations, CancellationToken cancellationToken);

    /// <summary>The model as bytes, so any worker can load this version again.</summary>
    byte[] Serialize();
}

/// <summary>A prediction with up to the requested number of contributions, largest effect first (empty when the model cannot explain).</summary>
public sealed record ScorePrediction(double Value, IReadOnlyList<FeatureContribution> Contributions);

/// <summary>
/// How much one input moved one prediction, on the model's own scale (positive raises it): for tree models a feature of
/// <see cref="ScoreFeatureVector.Names"/>; for a probabilistic model one of its own quantities (e.g. expected orders).
/// </summary>
public readonly record struct FeatureContribution(string Name, double Value, double Contribution);
