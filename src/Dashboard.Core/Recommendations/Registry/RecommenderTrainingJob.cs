using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// Retrains the recommenders: loads a temporal split, fits every configured family on the training part, measures it on
/// the holdout, records a version each and lets <see cref="RecommenderRegistry.ApplyPolicyAsync"/> decide the champion.
/// The champion's metrics describe its fit before the cut-off, which the next run re-measures on its own holdout; what
/// serves is the same family refitted on every purchase at the end of each run that trained it (<see cref="ServingRefit"/>).
/// Progress (model, epoch, loss, validation metric, ETA) goes to a <see cref="TrainingRun"/>; the champion changes
/// only at the very end, so a failed or cancelled run leaves the previous one serving.
/// </summary>
public sealed class RecommenderTrainingJob(
    IDbContextFactory<DashboardDbContext> contexts,
    TemporalSplitLoader splits,
    RecommenderCatalog catalog,
    RecommenderRegistry registry,
    ServingRefit refit,
    ArtifactRetention retention,
    TrainingGate gate,
    IOptions<RecommenderOptions> options,
    TimeProvider clock,
    ILogger<RecommenderTrainingJob> logger)
{
    public const string RecurringJobId = "recommender-training";

    /// <summary>The <see cref="TrainingRun.Kind"/> of these runs.</summary>
    public const string RunKind = "recommenders";

    /// <summary>A fit's share of its model's slice of the run; scoring the holdout takes the rest.</summary>
    private const double FitShare = 0.8;

    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The Hangfire entry point. One training at a time across every worker (the distributed lock), so a run still
    /// marked running when this one starts was interrupted; retried with backoff because a transient database error
    /// should not cost a night's retraining.
    /// </summary>
    [DisableConcurrentExecution(timeoutInSeconds: 6 * 60 * 60)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task<int> RunAsync(CancellationToken cancellationToken) => (await TrainAsync(cancellationToken)).Id;

    /// <summary>Trains the configured families, after any training already running in this process.</summary>
    public Task<TrainingRun> TrainAsync(CancellationToken cancellationToken) => TrainAsync(null, cancellationToken);

    /// <summary>Trains <paramref name="families"/> (null: the configured ones), after any training already running in this process.</summary>
    public async Task<TrainingRun> TrainAsync(IReadOnlyList<string>? families, CancellationToken cancellationToken)
    {
        using var entered = await gate.EnterAsync(cancellationToken);
        return await TrainLockedAsync(families, cancellationToken);
    }

    /// <summary>
    /// Trains <paramref name="families"/> unless a training is already running in this process (then null: the pipeline
    /// leaves training to it rather than wait for a long sequence-model run).
    /// </summary>
    public async Task<TrainingRun?> TryTrainAsync(IReadOnlyList<string> families, CancellationToken cancellationToken)
    {
        using var entered = await gate.TryEnterAsync(cancellationToken);
        return entered is null ? null : await TrainLockedAsync(families, cancellationToken);
    }

    /// <param name="families">The families to train, or null for the configured ones (<see cref="RecommenderOptions.Models"/>).</param>
    private async Task<TrainingRun> TrainLockedAsync(IReadOnlyList<string>? families, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CloseInterruptedRunsAsync(db, cancellationToken);
        var run = new TrainingRun { Kind = RunKind, Status = RunStatus.Running, StartedAt = clock.GetUtcNow().UtcDateTime };
        db.TrainingRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var log = new StringBuilder();
        try
        {
            var split = await splits.LoadForTrainingAsync(options.Value.HeldOutDays, cancellationToken: cancellationToken);
            log.AppendLine(Invariant($"split: cut-off {split.Description.Cutoff:yyyy-MM-dd}, {(split.Description.HeldOutUntil - split.Description.Cutoff).TotalDays:0} days held out, {split.Description.TrainItems} items, {split.Description.TestCustomers} test customers"));
            var trained = Families(families, log);
            // One more slot for the champion's refit on all purchases.
            var progress = new RunProgress(db, run, trained.Count + 1, clock);
            var challengers = new List<(ModelVersion Version, ModelEvaluation Evaluation)>();
            for (var f = 0; f < trained.Count; f++)
            {
                var model = catalog.Create(trained[f]);
                var evaluation = FitAndEvaluate(split, model, progress, f, cancellationToken);
                var version = await registry.RecordAsync(model, evaluation, split, run.Id, cancellationToken);
                challengers.Add((version, evaluation));
                log.AppendLine(Invariant($"{model.Name} v{version.Id}: ndcg@10 {evaluation.Metrics.Ndcg10:0.0000}, hr@10 {evaluation.Metrics.HitRate10:0.0000}, trained in {evaluation.TrainSeconds:0.0} s"));
                (model as IDisposable)?.Dispose();
            }

            var decision = await registry.ApplyPolicyAsync(split, challengers, cancellationToken);
            log.AppendLine(decision.Reason);
            // A new champion, or one that stayed while its family was retrained here, serves a fit on every purchase:
            // a champion that keeps winning must not keep serving the catalogue of the night it first won.
            if (await registry.ChampionAsync(cancellationToken) is { } champion
                && trained.Contains(RecommenderKinds.FamilyOf(champion.Kind), StringComparer.OrdinalIgnoreCase))
            {
                await RefitForServingAsync(champion, progress, trained.Count, log, cancellationToken);
            }

            if (await retention.ApplyAsync(cancellationToken) is > 0 and var dropped)
            {
                log.AppendLine(Invariant($"retention: the artifacts of {dropped} older versions were dropped (their metrics stay)"));
            }

            run.Status = RunStatus.Succeeded;
            run.Progress = 1;
        }
        catch (NotEnoughHistoryException ex)
        {
            // Not retried: only more purchases help. Serving keeps the champion, or the best-sellers when there is none.
            run.Status = RunStatus.Failed;
            run.Error = ex.Message;
            log.AppendLine(CultureInfo.InvariantCulture, $"nothing trained: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            run.Status = RunStatus.Cancelled;
            throw;
        }
        catch (Exception ex)
        {
            run.Status = RunStatus.Failed;
            run.Error = ex.Message.Length > 4000 ? ex.Message[..4000] : ex.Message;
            logger.LogError(ex, "Recommender training run {RunId} failed; the champion stays", run.Id);
            throw;
        }
        finally
        {
            run.FinishedAt = clock.GetUtcNow().UtcDateTime;
            run.EtaSeconds = null;
            run.Log = log.ToString().TrimEnd();
            // The job's token may be cancelled already; recording the outcome must still happen.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return run;
    }

    private async Task RefitForServingAsync(ModelVersion champion, RunProgress progress, int slot, StringBuilder log, CancellationToken cancellationToken)
    {
        var family = RecommenderKinds.FamilyOf(champion.Kind);
        progress.Report($"{family} (refit)", slot, null);
        var fitting = new SynchronousProgress<TrainingProgress>(p => progress.Report($"{family} (refit)", slot + (double)p.Epoch / Math.Max(1, p.Epochs), p));
        if (await refit.RefitAsync(champion, fitting, cancellationToken) is { } done)
        {
            log.AppendLine(Invariant($"champion {family} v{champion.Id} refitted on all purchases up to {done.DataTo:yyyy-MM-dd} in {done.Seconds:0.0} s: that fit serves"));
        }
    }

    /// <summary>The asked, configured or else every registered family; those that cannot run in this host are skipped with the reason logged.</summary>
    private List<string> Families(IReadOnlyList<string>? asked, StringBuilder log)
    {
        var wanted = asked ?? (options.Value.Models.Count > 0 ? options.Value.Models : catalog.Names.ToList());
        var families = new List<string>();
        foreach (var family in wanted)
        {
            if (catalog.UnavailableReason(family) is { } reason)
            {
                log.AppendLine(CultureInfo.InvariantCulture, $"{family}: skipped, {reason}");
                continue;
            }

            families.Add(family);
        }

        return families;
    }

    private static ModelEvaluation FitAndEvaluate(TemporalSplit split, IRecommender model, RunProgress progress, int index, CancellationToken cancellationToken)
    {
        progress.Report(model.Name, index, null);
        var clock = Stopwatch.StartNew();
        model.Fit(split.Training, new SynchronousProgress<TrainingProgress>(p => progress.Report(model.Name, index + FitShare * p.Epoch / Math.Max(1, p.Epochs), p)), cancellationToken);
        var trainSeconds = clock.Elapsed.TotalSeconds;
        progress.Report(model.Name, index + FitShare, null);
        return OfflineEvaluator.EvaluateFitted(split, model, trainSeconds, cancellationToken: cancellationToken);
    }

    private async Task CloseInterruptedRunsAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var stale in await db.TrainingRuns.Where(r => r.Kind == RunKind && r.Status == RunStatus.Running).ToListAsync(cancellationToken))
        {
            (stale.Status, stale.FinishedAt, stale.Error, stale.EtaSeconds) = (RunStatus.Failed, now, "Interrupted: the worker stopped while training.", null);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the run's live fields, at most once a second so a fast fit does not spend its time on the database.</summary>
    private sealed class RunProgress(DashboardDbContext db, TrainingRun run, int models, TimeProvider clock)
    {
        private readonly DateTime _started = clock.GetUtcNow().UtcDateTime;
        private DateTime _lastSaved = DateTime.MinValue;

        /// <param name="modelsDone">Models finished, with the current one's fraction (e.g. 1.4).</param>
        public void Report(string model, double modelsDone, TrainingProgress? fit)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var fraction = Math.Clamp(modelsDone / Math.Max(1, models), 0, 1);
            run.CurrentModel = model;
            run.Progress = fraction;
            run.Epoch = fit?.Epoch;
            run.Epochs = fit?.Epochs;
            run.Loss = fit?.Loss;
            run.ValidationMetric = fit?.ValidationMetric;
            run.EtaSeconds = fraction > 0 ? (now - _started).TotalSeconds * (1 - fraction) / fraction : null;
            if (now - _lastSaved >= ProgressInterval)
            {
                _lastSaved = now;
                db.SaveChanges();
            }
        }
    }
}
