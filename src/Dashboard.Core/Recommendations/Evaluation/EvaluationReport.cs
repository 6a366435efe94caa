namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>Every evaluated model on one split, in the order they were asked for.</summary>
public sealed record EvaluationReport(SplitDescription Split, IReadOnlyList<ModelEvaluation> Models);

/// <summary>One model's metrics, with how long fitting and scoring every test customer took (wall clock).</summary>
public sealed record ModelEvaluation(string Name, ModelMetrics Metrics, double TrainSeconds, double ScoreSeconds);

/// <summary>Where an evaluation is: a stage such as "itemknn: fitting", and the fraction of the whole run done.</summary>
public sealed record EvaluationProgress(string Stage, double Fraction);
