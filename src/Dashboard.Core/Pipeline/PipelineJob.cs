using System.Globalization;
using System.Text;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Dashboard.Core.Profiles.Scoring;
using Dashboard.Core.Recommendations.Registry;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Pipeline;

public sealed record PipelineProgress(string Stage, double Fraction);

/// <summary>
/// The nightly pipeline: profiles -> train -> evaluate, each stage recorded on a <see cref="PipelineRun"/>
/// so that the dashboard shows what ran, what it did and what failed. Stages are replaced one by one by
/// their own issues (cleaning, clustering and scores, sequence models, A/B statistics).
/// </summary>
public sealed class PipelineJob(
    IDbContextFactory<DashboardDbContext> contexts,
    ProfileBuilder profiles,
    RecommenderTrainingJob recommenders,
    IOptions<RecommenderOptions> recommenderOptions,
    ConversionAttributor attribution,
    TimeProvider clock,
    ILogger<PipelineJob> logger)
{
    public const string RecurringJobId = "nightly-pipeline";

    private static readonly string[] Stages = ["profiles", "train", "evaluate"];

    /// <summary>The Hangfire entry point: one pipeline at a time, across every worker.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60 * 60)]
    [AutomaticRetry(Attempts = 1)]
    public Task RunAsync(string trigger, CancellationToken cancellationToken) => RunAsync(trigger, null, cancellationToken);

    public async Task<PipelineRun> RunAsync(string trigger, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new PipelineRun { Trigger = trigger, Status = RunStatus.Running, StartedAt = clock.GetUtcNow().UtcDateTime };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.PipelineRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var log = new StringBuilder();

        try
        {
            await StageAsync(db, run, 0, progress, cancellationToken);
            var stageProgress = new Progress<double>(f => progress?.Report(new PipelineProgress(Stages[0], f)));
            var built = await profiles.BuildAsync(stageProgress, cancellationToken);
            var segments = string.Join(", ", built.SegmentSizes.Where(s => s.Value > 0).Select(s => $"{s.Key} {s.Value}"));
            log.AppendLine(CultureInfo.InvariantCulture,
                $"profiles: {built.Customers} customers, {built.Buyers} buyers, reference date {built.ReferenceDate:yyyy-MM-dd}; {segments}");
            log.AppendLine(DescribeClusters(built.Clusters));
            foreach (var score in built.Scores ?? [])
            {
                log.AppendLine(DescribeScore(score));
            }

            await StageAsync(db, run, 1, progress, cancellationToken);
            log.AppendLine(await TrainAsync(cancellationToken));

            await StageAsync(db, run, 2, progress, cancellationToken);
            var campaigns = await db.Campaigns.Where(c => c.LaunchedAt != null && c.Status != CampaignStatus.Cancelled)
                .Select(c => c.Id).ToListAsync(cancellationToken);
            // All at once: last touch weighs every campaign's touches on a customer against each other.
            var attributed = await attribution.AttributeAsync(campaigns, cancellationToken);

            log.AppendLine(CultureInfo.InvariantCulture, $"evaluate: {attributed} conversions attributed across {campaigns.Count} launched campaigns");
            run.Status = RunStatus.Succeeded;
            run.Progress = 1;
            run.CurrentStage = null;
        }
        catch (OperationCanceledException)
        {
            run.Status = RunStatus.Cancelled;
            throw;
        }
        catch (Exception ex)
        {
            run.Status = RunStatus.Failed;
            run.Error = ex.Message;
            logger.LogError(ex, "Pipeline run {RunId} failed in stage {Stage}", run.Id, run.CurrentStage);
            throw;
        }
        finally
        {
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            run.Log = log.ToString().TrimEnd();
            // The caller's token may be cancelled already; recording the outcome must still happen.
            await db.SaveChangesAsync(CancellationToken.None);
            progress?.Report(new PipelineProgress("done", 1));
        }

        return run;
    }

    /// <summary>
    /// Refreshes the quick recommender families (<see cref="RecommenderOptions.PipelineModels"/>) through the registry,
    /// which keeps or replaces the champion by its policy; the sequence models train on their own schedule.
    /// </summary>
    private async Task<string> TrainAsync(CancellationToken cancellationToken)
    {
        var families = recommenderOptions.Value.PipelineModels ?? [.. RecommenderOptions.DefaultPipelineModels];
        var training = await recommenders.TryTrainAsync(families, cancellationToken);
        if (training is null)
        {
            return "train: a recommender training is already running; it decides the champion";
        }

        var summary = string.Join("; ", (training.Log ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1));
        return training.Status == RunStatus.Succeeded
            ? $"train: recommender run #{training.Id}: {summary}"
            : $"train: recommender run #{training.Id} trained nothing ({training.Error}); serving keeps the champion or the best-sellers";
    }

    private static string DescribeClusters(ClusteringResult? clusters) => clusters switch
    {
        null => "clusters: not available",
        { K: 0 } => "clusters: too few buyers to cluster",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"clusters: k = {clusters.K} by {clusters.Criterion} ({string.Join(", ", clusters.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.K}: {c.Score:0.000}")))}); {string.Join("; ", clusters.Clusters.Select(c => $"{ClusterSegments.Name(c)} {c.Size}"))}"),
    };

    private static string DescribeScore(ScoreOutcome score)
    {
        if (score.Evaluation is not { } evaluation)
        {
            return $"{score.Definition.Kind}: not scored, {score.SkippedBecause}";
        }

        var metrics = string.Join(", ", evaluation.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Model:0.000} (baseline {m.Baseline:0.000})")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{score.Definition.Kind}: model v{score.Version!.Id}, {score.Predictions.Count} buyers scored; held out {evaluation.HoldoutCutoff:yyyy-MM-dd}: {metrics}; {(evaluation.BeatsBaseline ? "beats" : "DOES NOT beat")} its baseline");
    }

    private static async Task StageAsync(DashboardDbContext db, PipelineRun run, int index, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        run.CurrentStage = Stages[index];
        run.Progress = (double)index / Stages.Length;
        await db.SaveChangesAsync(cancellationToken);
        progress?.Report(new PipelineProgress(Stages[index], 0));
    }
}
