using System.Text.Json.Serialization;

namespace Dashboard.Core.Profiles.Scoring;

/// <summary>
/// How a score did on the held-out window, next to its baseline, as stored on its model version (JSON) and shown on the
/// Models page and the profile page. <see cref="BeatsBaseline"/> is false when any primary metric is not better than the
/// baseline's; such a score is still stored and shown, with a warning.
/// </summary>
public sealed record ScoreEvaluation(
    string Kind,
    int HorizonDays,
    DateTime TrainingCutoff,
    DateTime HoldoutCutoff,
    DateTime ScoringCutoff,
    int TrainingRows,
    int HoldoutRows,
    double HoldoutMean,
    string Method,
    string BaselineMethod,
    IReadOnlyList<ScoreMetric> Metrics,
    IReadOnlyList<CalibrationBin> Calibration,
    bool BeatsBaseline)
{
    [JsonIgnore]
    public ScoreMetric? Primary => Metrics.FirstOrDefault(m => m.IsPrimary);
}

/// <summary>One metric of a model and its baseline on the same held-out rows.</summary>
public sealed record ScoreMetric(string Name, double Model, double Baseline, bool HigherIsBetter, bool IsPrimary)
{
    [JsonIgnore]
    public bool ModelIsBetter => HigherIsBetter ? Model > Baseline : Model < Baseline;
}
