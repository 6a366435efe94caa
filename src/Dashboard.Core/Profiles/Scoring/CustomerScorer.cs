using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Models;
using Dashboard.Core.Preprocessing;

namespace Dashboard.Core.Profiles.Scoring;

/// <summary>What became of one score in a profile run: a new model version with its evaluation and predictions, or the reason it was skipped.</summary>
public sealed record ScoreOutcome(
    ScoreDefinition Definition,
    ScoreEvaluation? Evaluation,
    ModelVersion? Version,
    IReadOnlyDictionary<int, ScorePrediction> Predictions,
    string? SkippedBecause)
{
    public static ScoreOutcome Skipped(ScoreDefinition definition, string reason) =>
        new(definition, null, null, new Dictionary<int, ScorePrediction>(), reason);
}

/// <summary>
/// The protocol behind churn risk, purchase propensity and expected value, with a time-based split for a score of horizon
/// H days and the profile run's cut-off C (the day after the newest order):
/// <list type="number">
/// <item>fit the model and its baseline on the buyers' features at C - 2H, labelled by what they bought in [C - 2H, C - H);</item>
/// <item>evaluate both on the held-out window: features at C - H, labels from [C - H, C), which no fit has seen;</item>
/// <item>refit the model the same way on that most recent labelled window and score every buyer's features at C.</item>
/// </list>
/// The reported metrics are therefore those of the procedure one window back; the scores come from the same procedure on
/// the newest data, which is what a score about the next H days should use. A score needs 2H days plus
/// <see cref="MinHistoryDays"/> of orders and enough buyers of each outcome; otherwise it is skipped with the reason.
/// </summary>
public sealed class CustomerScorer(CustomerFeatureBuilder features, TimeProvider clock, IScoreModelTrainer? trainer = null)
{
    /// <summary>History a training cut-off needs before it, so that its features describe some behaviour.</summary>
    public const int MinHistoryDays = 30;

    /// <summary>Fewer buyers than this in the training or the held-out window make metrics meaningless.</summary>
    public const int MinExamples = 50;

    /// <summary>Each outcome (bought / did not) needs this many buyers in each window.</summary>
    public const int MinPerOutcome = 10;

    /// <summary>How many feature contributions are kept per customer and score.</summary>
    public const int Explanations = 3;

    // NaN can occur (e.g. the error of a total that is zero) and must survive the round trip.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// Fits, evaluates and applies every score of <see cref="ScoreDefinitions.All"/> at <paramref name="cutoff"/> for the
    /// buyers in <paramref name="current"/>. The returned versions are not saved: the caller stores them with the profiles,
    /// in one transaction.
    /// </summary>
    public async Task<IReadOnlyList<ScoreOutcome>> ScoreAsync(
        DateTime cutoff, IReadOnlyList<CustomerFeatures> current, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (trainer is null)
        {
            return [.. ScoreDefinitions.All.Select(d => ScoreOutcome.Skipped(d, "no model trainer is installed"))];
        }

        var firstPurchase = await features.FirstPurchaseAsync(cancellationToken);
        // Churn and expected value share their cut-offs and horizon: each feature table and label set is read once.
        var inputs = new ScoringInputs(features);
        var buyersNow = current.Where(f => f.HasPurchased).ToList();
        var outcomes = new List<ScoreOutcome>();
        for (var i = 0; i < ScoreDefinitions.All.Count; i++)
        {
            var definition = ScoreDefinitions.All[i];
            outcomes.Add(await ScoreOneAsync(trainer, definition, cutoff, firstPurchase, buyersNow, inputs, cancellationToken));
            progress?.Report((i + 1.0) / ScoreDefinitions.All.Count);
        }

        return outcomes;
    }

    private async Task<ScoreOutcome> ScoreOneAsync(
        IScoreModelTrainer fitter, ScoreDefinition definition, DateTime cutoff, DateTime? firstPurchase, List<CustomerFeatures> buyersNow,
        ScoringInputs inputs, CancellationToken cancellationToken)
    {
        var horizon = definition.HorizonDays;
        var holdoutCutoff = cutoff.AddDays(-horizon);
        var trainingCutoff = cutoff.AddDays(-2 * horizon);
        if (firstPurchase is null || trainingCutoff < firstPurchase.Value.Date.AddDays(MinHistoryDays))
        {
            var have = firstPurchase is { } first ? (cutoff - first.Date).Days : 0;
            return ScoreOutcome.Skipped(definition, string.Create(CultureInfo.InvariantCulture,
                $"needs {(2 * horizon) + MinHistoryDays} days of orders for a time-based split (two {horizon}-day windows and {MinHistoryDays} days of history); the data covers {have}"));
        }

        var stopwatch = Stopwatch.StartNew();
        var training = await inputs.ExamplesAsync(definition, trainingCutoff, cancellationToken);
        var holdout = await inputs.ExamplesAsync(definition, holdoutCutoff, cancellationToken);
        if (TooFew(definition, training) is { } trainingProblem)
        {
            return ScoreOutcome.Skipped(definition, $"training window ({trainingCutoff:yyyy-MM-dd}): {trainingProblem}");
        }

        if (TooFew(definition, holdout) is { } holdoutProblem)
        {
            return ScoreOutcome.Skipped(definition, $"held-out window ({holdoutCutoff:yyyy-MM-dd}): {holdoutProblem}");
        }

        var model = fitter.Fit(definition, training, cancellationToken);
        var baseline = fitter.FitBaseline(definition, training, cancellationToken);
        var holdoutRows = holdout.Select(e => e.Features).ToList();
        var modelPredictions = model.Predict(holdoutRows, 0, cancellationToken).Select(p => p.Value).ToList();
        var baselinePredictions = baseline.Predict(holdoutRows, 0, cancellationToken).Select(p => p.Value).ToList();
        var evaluation = Evaluate(definition, training.Count, holdout, modelPredictions, baselinePredictions, model.Method, baseline.Method,
            trainingCutoff, holdoutCutoff, cutoff);

        var refit = fitter.Fit(definition, holdout, cancellationToken);
        var scores = refit.Predict(buyersNow, Explanations, cancellationToken);
        var predictions = new Dictionary<int, ScorePrediction>(buyersNow.Count);
        for (var i = 0; i < buyersNow.Count; i++)
        {
            predictions[buyersNow[i].CustomerId] = scores[i];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var version = new ModelVersion
        {
            Kind = definition.Kind,
            CreatedAt = now,
            DataFrom = trainingCutoff,
            DataTo = cutoff,
            ParametersJson = JsonSerializer.Serialize(new
            {
                definition.Title,
                definition.Question,
                definition.HorizonDays,
                refit.Method,
                BaselineMethod = baseline.Method,
                refit.Parameters,
                Features = ScoreFeatureVector.Names,
                FittedOn = $"features at {holdoutCutoff:yyyy-MM-dd}, outcomes {holdoutCutoff:yyyy-MM-dd}..{cutoff.AddDays(-1):yyyy-MM-dd}",
            }, Json),
            MetricsJson = JsonSerializer.Serialize(evaluation, Json),
            Artifact = refit.Serialize(),
            IsChampion = true,
            TrainingSeconds = stopwatch.Elapsed.TotalSeconds,
        };
        return new ScoreOutcome(definition, evaluation, version, predictions, null);
    }

    /// <summary>Reads a stored evaluation back (the Models and profile pages show it).</summary>
    public static ScoreEvaluation? ReadEvaluation(string? metricsJson) =>
        string.IsNullOrEmpty(metricsJson) ? null : JsonSerializer.Deserialize<ScoreEvaluation>(metricsJson, Json);

    private static string? TooFew(ScoreDefinition definition, List<ScoreExample> examples)
    {
        if (examples.Count < MinExamples)
        {
            return $"{examples.Count} buyers, at least {MinExamples} needed";
        }

        if (!definition.IsProbability)
        {
            return null;
        }

        var positives = examples.Count(e => e.Label > 0.5);
        var fewest = Math.Min(positives, examples.Count - positives);
        return fewest < MinPerOutcome ? $"only {fewest} buyers with one of the outcomes, at least {MinPerOutcome} needed" : null;
    }

    private static ScoreEvaluation Evaluate(
        ScoreDefinition definition, int trainingRows, List<ScoreExample> holdout, List<double> model, List<double> baseline,
        string method, string baselineMethod, DateTime trainingCutoff, DateTime holdoutCutoff, DateTime cutoff)
    {
        List<ScoreMetric> metrics;
        IReadOnlyList<CalibrationBin> calibration = [];
        if (definition.IsProbability)
        {
            var actual = holdout.Select(e => e.Label > 0.5).ToList();
            metrics =
            [
                new("AUC", ScoreMetrics.Auc(model, actual), ScoreMetrics.Auc(baseline, actual), HigherIsBetter: true, IsPrimary: true),
                new("Log loss", ScoreMetrics.LogLoss(model, actual), ScoreMetrics.LogLoss(baseline, actual), HigherIsBetter: false, IsPrimary: true),
            ];
            calibration = ScoreMetrics.Calibration(model, actual);
        }
        else
        {
            var actual = holdout.Select(e => e.Label).ToList();
            metrics =
            [
                new("RMSE", ScoreMetrics.RootMeanSquaredError(model, actual), ScoreMetrics.RootMeanSquaredError(baseline, actual), HigherIsBetter: false, IsPrimary: true),
                new("MAE", ScoreMetrics.MeanAbsoluteError(model, actual), ScoreMetrics.MeanAbsoluteError(baseline, actual), HigherIsBetter: false, IsPrimary: false),
                new("Error of the total", Math.Abs(ScoreMetrics.TotalRatio(model, actual) - 1), Math.Abs(ScoreMetrics.TotalRatio(baseline, actual) - 1),
                    HigherIsBetter: false, IsPrimary: false),
            ];
        }

        return new ScoreEvaluation(
            definition.Kind, definition.HorizonDays, trainingCutoff, holdoutCutoff, cutoff, trainingRows, holdout.Count,
            holdout.Average(e => e.Label), method, baselineMethod, metrics, calibration,
            BeatsBaseline: metrics.Where(m => m.IsPrimary).All(m => m.ModelIsBetter));
    }
}

/// <summary>The feature tables and label sets one scoring run reads, each read once however many scores use it.</summary>
internal sealed class ScoringInputs(CustomerFeatureBuilder features)
{
    private readonly Dictionary<DateTime, IReadOnlyList<CustomerFeatures>> _tables = [];
    private readonly Dictionary<(DateTime, int), IReadOnlyDictionary<int, PurchaseLabel>> _labels = [];

    /// <summary>The buyers at <paramref name="at"/>, labelled by what they bought in the definition's horizon after it.</summary>
    public async Task<List<ScoreExample>> ExamplesAsync(ScoreDefinition definition, DateTime at, CancellationToken cancellationToken)
    {
        if (!_tables.TryGetValue(at, out var rows))
        {
            rows = await features.BuildAsync(at, cancellationToken);
            _tables[at] = rows;
        }

        var key = (at, definition.HorizonDays);
        if (!_labels.TryGetValue(key, out var labels))
        {
            labels = await features.LabelsAsync(at, definition.HorizonDays, cancellationToken);
            _labels[key] = labels;
        }

        return [.. rows.Where(f => f.HasPurchased).Select(f => new ScoreExample(f, definition.Label(labels.GetValueOrDefault(f.CustomerId, PurchaseLabel.None))))];
    }
}
