using Dashboard.Core.Recommendations.Evaluation;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>How recommenders are retrained and when a new version replaces the champion (configuration section "Recommendations").</summary>
public sealed class RecommenderOptions
{
    public const string Section = "Recommendations";

    /// <summary>Nightly at 03:00 UTC, after the 02:00 pipeline has refreshed the purchase sequences.</summary>
    public const string DefaultTrainingCron = "0 3 * * *";

    /// <summary>The metric a challenger must beat the champion on: one of <see cref="RecommenderMetrics.Names"/>.</summary>
    public string PrimaryMetric { get; set; } = RecommenderMetrics.Ndcg10Name;

    /// <summary>
    /// How much better (absolute) the challenger must score than the champion on the same holdout to replace it. 0.005
    /// NDCG@10 is above the run-to-run noise of a refit on a few thousand test customers, so a tie does not churn the
    /// served model every night.
    /// </summary>
    public double PromotionMargin { get; set; } = 0.005;

    /// <summary>The default training schedule; the Models page can replace it, and the stored value wins (see <see cref="TrainingSchedule"/>).</summary>
    public string TrainingCron { get; set; } = DefaultTrainingCron;

    /// <summary>The families to train; empty trains every one available in the catalogue.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>
    /// The families the pipeline's train stage refreshes on every run: quick to fit, so the pipeline stays short and a
    /// fresh shop has a champion after its first run. Null means <see cref="DefaultPipelineModels"/> (a list is not
    /// defaulted in place: configuration binding would append to it).
    /// </summary>
    public List<string>? PipelineModels { get; set; }

    public static IReadOnlyList<string> DefaultPipelineModels { get; } = ["popularity", "itemknn", "repeat"];

    /// <summary>
    /// Versions per family that keep their artifacts besides the champion, past champions and pinned versions (see
    /// <see cref="ArtifactRetention"/>): enough to promote a recent challenger by hand.
    /// </summary>
    public int KeepArtifactsPerFamily { get; set; } = 5;

    /// <summary>Days held out after the cut-off for evaluation, at most: a history shorter than three times this holds out its last third.</summary>
    public int HeldOutDays { get; set; } = TemporalSplitLoader.DefaultHeldOutDays;
}
