using System.Diagnostics;
using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>
/// Judges any <see cref="IRecommender"/> the same way: fit on the split's training set, then for every test customer
/// rank the whole catalogue from their history (no sampled candidates, already-bought items allowed) and compare the top
/// of the list with what they bought next. Each model is fitted from scratch on the same data with the same seed, so
/// baselines and sequence models meet on equal terms.
/// </summary>
public static class OfflineEvaluator
{
    /// <summary>Fitting takes this share of a model's progress span, scoring the rest (a fit reports epochs when it has them).</summary>
    private const double FitShare = 0.5;

    public static EvaluationReport Evaluate(
        TemporalSplit split, IReadOnlyList<IRecommender> models, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(models);
        var evaluations = new List<ModelEvaluation>(models.Count);
        for (var m = 0; m < models.Count; m++)
        {
            var (start, share) = ((double)m / models.Count, 1d / models.Count);
            var modelProgress = progress is null
                ? null
                : new SynchronousProgress<EvaluationProgress>(p => progress.Report(p with { Fraction = start + share * p.Fraction }));
            evaluations.Add(Evaluate(split, models[m], modelProgress, cancellationToken));
        }

        return new EvaluationReport(split.Description, evaluations);
    }

    public static ModelEvaluation Evaluate(
        TemporalSplit split, IRecommender model, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(model);
        progress?.Report(new EvaluationProgress($"{model.Name}: fitting", 0));
        var clock = Stopwatch.StartNew();
        var fitProgress = progress is null
            ? null
            : new SynchronousProgress<TrainingProgress>(p => progress.Report(new EvaluationProgress($"{model.Name}: fitting", FitShare * p.Epoch / Math.Max(1, p.Epochs))));
        model.Fit(split.Training, fitProgress, cancellationToken);
        var scoringProgress = progress is null
            ? null
            : new SynchronousProgress<EvaluationProgress>(p => progress.Report(p with { Fraction = FitShare + (1 - FitShare) * p.Fraction }));
        return EvaluateFitted(split, model, clock.Elapsed.TotalSeconds, scoringProgress, cancellationToken);
    }

    /// <summary>
    /// Scores a model that is already fitted (by the caller, or loaded from the registry) on the split's test customers,
    /// so that a stored champion and a fresh challenger are judged on the same holdout. The model must rank the split's
    /// catalogue (see <see cref="Registry.CatalogueAdapter"/> for one fitted on another).
    /// </summary>
    public static ModelEvaluation EvaluateFitted(
        TemporalSplit split, IRecommender model, double trainSeconds, IProgress<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        var scores = new float[split.Training.Items.Count];
        var ranked = new int[MetricsAccumulator.RecallAt];
        var metrics = new MetricsAccumulator(scores.Length);
        var customers = split.TestCustomers;
        for (var c = 0; c < customers.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Cleared so that a model that skips an item cannot leak the previous customer's score into this ranking.
            Array.Clear(scores);
            model.Score(customers[c].History, scores);
            var length = Ranking.Top(scores, ranked);
            metrics.Add(ranked.AsSpan(0, length), customers[c]);
            if (progress is not null && c % 100 == 0)
            {
                progress.Report(new EvaluationProgress($"{model.Name}: scoring", (double)c / customers.Count));
            }
        }

        progress?.Report(new EvaluationProgress($"{model.Name}: done", 1));
        return new ModelEvaluation(model.Name, metrics.Result(), trainSeconds, clock.Elapsed.TotalSeconds);
    }
}
