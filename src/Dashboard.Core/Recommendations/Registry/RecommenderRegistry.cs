using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// Every trained recommender version with its holdout metrics and artifact, and which one is the champion: exactly one
/// "rec:" version at a time. A new version replaces the champion only by beating it on the same holdout by
/// <see cref="RecommenderOptions.PromotionMargin"/>, the champion re-measured from its stored artifact, so the comparison
/// never mixes splits. People can promote any version or roll back to the previous champion; both are audited.
/// </summary>
public sealed class RecommenderRegistry(
    IDbContextFactory<DashboardDbContext> contexts,
    RecommenderCatalog catalog,
    AuditLog audit,
    TimeProvider clock,
    IOptions<RecommenderOptions> options)
{
    /// <summary>Stores a fitted and evaluated model as a new version (not champion); the policy decides that later.</summary>
    public async Task<ModelVersion> RecordAsync(
        IRecommender model, ModelEvaluation evaluation, TemporalSplit split, int? trainingRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(split);
        var training = split.Training;
        var version = new ModelVersion
        {
            Kind = RecommenderKinds.Of(model.Name),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            // The hyperparameters travel inside the artifact; these are what the run chose.
            ParametersJson = JsonSerializer.Serialize(new { family = model.Name, seed = training.Seed, catalogueItems = training.Items.Count }),
            DataFrom = training.Histories.Where(h => h.Interactions.Count > 0).Select(h => h.Interactions[0].At).DefaultIfEmpty(training.Cutoff).Min(),
            DataTo = training.Cutoff,
            MetricsJson = RecommenderMetrics.From(evaluation.Metrics, split.Description).ToJson(),
            Artifact = model.Save(),
            TrainingRunId = trainingRunId,
            TrainingSeconds = evaluation.TrainSeconds,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }

    public async Task<ModelVersion?> ChampionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Recommenders(db).AsNoTracking().FirstOrDefaultAsync(m => m.IsChampion, cancellationToken);
    }

    /// <summary>The champion as a model ready to score, or why it cannot be: a family this host cannot run, or unreadable bytes.</summary>
    public async Task<LoadedVersion?> LoadChampionAsync(CancellationToken cancellationToken = default) =>
        await ChampionAsync(cancellationToken) is { } champion ? Load(champion, forServing: true) : null;

    /// <summary>Any recommender version as a model ready to score (a campaign variant may pin one); null when there is no such version.</summary>
    public async Task<LoadedVersion?> LoadVersionAsync(int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await Recommenders(db).AsNoTracking().SingleOrDefaultAsync(m => m.Id == versionId, cancellationToken);
        return version is null ? null : Load(version, forServing: true);
    }

    /// <summary>
    /// Applies the promotion policy to this run's <paramref name="challengers"/> (versions recorded on
    /// <paramref name="split"/>, with their metrics there): the best one by the primary metric becomes champion when there
    /// is none, or when it beats the champion's score on the same split by the margin. A champion that cannot be
    /// re-measured here, or that was fitted on data reaching into this holdout, stays: no comparison, no promotion.
    /// </summary>
    public async Task<PromotionDecision> ApplyPolicyAsync(
        TemporalSplit split, IReadOnlyList<(ModelVersion Version, ModelEvaluation Evaluation)> challengers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(challengers);
        var (metric, margin) = (options.Value.PrimaryMetric, options.Value.PromotionMargin);
        var champion = await ChampionAsync(cancellationToken);
        if (challengers.Count == 0)
        {
            return new PromotionDecision(champion?.Id, false, null, "no model was trained; the champion stays");
        }

        var best = challengers.MaxBy(c => RecommenderMetrics.Metric(c.Evaluation.Metrics, metric));
        var bestScore = RecommenderMetrics.Metric(best.Evaluation.Metrics, metric);
        var bestName = Describe(best.Version);
        if (champion is null)
        {
            await PromoteAsync(best.Version.Id, actor: null, cancellationToken);
            return new PromotionDecision(best.Version.Id, true, null, Invariant($"no champion yet: {bestName} ({metric} {bestScore:0.0000}) becomes champion"));
        }

        if (champion.DataTo > split.Training.Cutoff)
        {
            return new PromotionDecision(champion.Id, false, null,
                Invariant($"champion {Describe(champion)} was fitted on data up to {champion.DataTo:yyyy-MM-dd}, after this cut-off {split.Training.Cutoff:yyyy-MM-dd}: it saw the holdout, so no fair comparison; it stays"));
        }

        // The fit the metrics describe, not the serving refit: that one saw this holdout.
        var loaded = Load(champion, forServing: false);
        if (loaded.Model is not { } championModel)
        {
            return new PromotionDecision(champion.Id, false, null,
                $"champion {Describe(champion)} cannot be re-evaluated here ({loaded.UnavailableReason}); without a comparison on the same holdout it stays");
        }

        var championEvaluation = OfflineEvaluator.EvaluateFitted(split, CatalogueAdapter.Over(championModel, split.Training.Items), 0, null, cancellationToken);
        var championScore = RecommenderMetrics.Metric(championEvaluation.Metrics, metric);
        if (bestScore > championScore + margin)
        {
            await PromoteAsync(best.Version.Id, actor: null, cancellationToken);
            return new PromotionDecision(best.Version.Id, true, championScore,
                Invariant($"{bestName} ({metric} {bestScore:0.0000}) beats champion {Describe(champion)} ({championScore:0.0000}) by more than {margin:0.0000}: promoted"));
        }

        return new PromotionDecision(champion.Id, false, championScore,
            Invariant($"best challenger {bestName} ({metric} {bestScore:0.0000}) does not beat champion {Describe(champion)} ({championScore:0.0000}) by {margin:0.0000}: the champion stays"));
    }

    /// <summary>
    /// Makes <paramref name="versionId"/> the one recommender champion. <paramref name="actor"/> is the person who asked
    /// (audited), or null for the training job's policy, whose reasons go to the run's log instead.
    /// </summary>
    public async Task PromoteAsync(int versionId, string? actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await Recommenders(db).FirstOrDefaultAsync(m => m.Id == versionId, cancellationToken)
            ?? throw new ArgumentException($"There is no recommender version {versionId}.", nameof(versionId));
        if (version.Artifact is null)
        {
            throw new InvalidOperationException($"Recommender version {versionId} has no artifact to serve.");
        }

        foreach (var champion in await Recommenders(db).Where(m => m.IsChampion && m.Id != versionId).ToListAsync(cancellationToken))
        {
            champion.IsChampion = false;
        }

        version.IsChampion = true;
        version.PromotedAt = clock.GetUtcNow().UtcDateTime;
        if (actor is not null)
        {
            audit.Add(db, actor, AuditActions.RecommenderPromoted, AuditEntities.ModelVersion, versionId.ToString(CultureInfo.InvariantCulture), Describe(version));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Undoes the last promotion: the champion is withdrawn and the version promoted before it serves again. Null (and
    /// nothing changes) when there is no earlier champion to go back to.
    /// </summary>
    public async Task<ModelVersion?> RollBackAsync(string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = await Recommenders(db).FirstOrDefaultAsync(m => m.IsChampion, cancellationToken);
        var previous = await Recommenders(db)
            .Where(m => !m.IsChampion && m.PromotedAt != null && m.Artifact != null)
            .OrderByDescending(m => m.PromotedAt).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return null;
        }

        if (current is not null)
        {
            current.IsChampion = false;
            current.PromotedAt = null;
        }

        previous.IsChampion = true;
        audit.Add(db, actor, AuditActions.RecommenderRolledBack, AuditEntities.ModelVersion, previous.Id.ToString(CultureInfo.InvariantCulture),
            current is null ? Describe(previous) : $"{Describe(current)} -> {Describe(previous)}");
        await db.SaveChangesAsync(cancellationToken);
        return previous;
    }

    /// <summary>
    /// Drops the artifacts of every version that is not the champion, was never one, is not in <paramref name="keep"/>
    /// and is not among the newest <paramref name="keepPerFamily"/> of its family that still have one (see
    /// <see cref="ArtifactRetention"/>); returns how many versions it touched.
    /// </summary>
    public async Task<int> DropArtifactsAsync(int keepPerFamily, IReadOnlySet<int> keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepPerFamily);
        ArgumentNullException.ThrowIfNull(keep);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await Recommenders(db).Where(m => m.Artifact != null || m.ServingArtifact != null)
            .Select(m => new { m.Id, m.Kind, m.IsChampion, m.PromotedAt })
            .ToListAsync(cancellationToken);
        var newest = stored.GroupBy(m => m.Kind).SelectMany(g => g.OrderByDescending(m => m.Id).Take(keepPerFamily)).Select(m => m.Id).ToHashSet();
        var drop = stored.Where(m => !m.IsChampion && m.PromotedAt is null && !keep.Contains(m.Id) && !newest.Contains(m.Id)).Select(m => m.Id).ToList();
        return drop.Count == 0 ? 0 : await Recommenders(db).Where(m => drop.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Artifact, (byte[]?)null).SetProperty(m => m.ServingArtifact, (byte[]?)null), cancellationToken);
    }

    /// <summary>The versions that can be served (they have an artifact), newest first, for a campaign variant to pin.</summary>
    public async Task<IReadOnlyList<RecommenderVersionSummary>> PinnableVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await Recommenders(db).AsNoTracking().Where(m => m.Artifact != null)
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.Kind, m.CreatedAt, m.IsChampion, m.MetricsJson })
            .ToListAsync(cancellationToken);
        return [.. versions.Select(v => new RecommenderVersionSummary(
            v.Id, RecommenderKinds.FamilyOf(v.Kind), v.CreatedAt, v.IsChampion, RecommenderMetrics.Parse(v.MetricsJson)?.Ndcg10))];
    }

    /// <summary>The newest recommender versions first, without their artifacts, for the Models page.</summary>
    public async Task<IReadOnlyList<ModelVersion>> VersionsAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Recommenders(db).AsNoTracking()
            .OrderByDescending(m => m.Id)
            .Take(take)
            .Select(m => new ModelVersion
            {
                Id = m.Id, Kind = m.Kind, CreatedAt = m.CreatedAt, ParametersJson = m.ParametersJson, DataFrom = m.DataFrom, DataTo = m.DataTo,
                MetricsJson = m.MetricsJson, IsChampion = m.IsChampion, PromotedAt = m.PromotedAt, ServingDataTo = m.ServingDataTo, TrainingRunId = m.TrainingRunId, TrainingSeconds = m.TrainingSeconds,
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The version's model: for serving, its refit on all purchases when it has one; otherwise the fit its metrics describe.
    /// </summary>
    private LoadedVersion Load(ModelVersion version, bool forServing)
    {
        var family = RecommenderKinds.FamilyOf(version.Kind);
        if (!catalog.Names.Contains(family, StringComparer.OrdinalIgnoreCase))
        {
            return new LoadedVersion(version, null, $"no model family \"{family}\" is registered in this host");
        }

        if (catalog.UnavailableReason(family) is { } reason)
        {
            return new LoadedVersion(version, null, reason);
        }

        var artifact = forServing ? version.ServingArtifact ?? version.Artifact : version.Artifact;
        if (artifact is null)
        {
            return new LoadedVersion(version, null, "the version has no artifact");
        }

        try
        {
            return new LoadedVersion(version, catalog.Load(family, artifact), null);
        }
        catch (InvalidDataException e)
        {
            return new LoadedVersion(version, null, e.Message);
        }
    }

    /// <summary>
    /// Stores <paramref name="model"/>, refitted on every purchase up to <paramref name="dataTo"/>, as what
    /// <paramref name="versionId"/> serves; its metrics stay those of the fit before the holdout.
    /// </summary>
    public async Task StoreServingFitAsync(int versionId, IRecommender model, DateTime dataTo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bytes = model.Save();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await Recommenders(db).Where(m => m.Id == versionId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ServingArtifact, bytes).SetProperty(m => m.ServingDataTo, dataTo), cancellationToken);
    }

    private static IQueryable<ModelVersion> Recommenders(DashboardDbContext db) =>
        db.ModelVersions.Where(m => m.Kind.StartsWith(RecommenderKinds.Prefix));

    private static string Describe(ModelVersion version) => $"{RecommenderKinds.FamilyOf(version.Kind)} v{version.Id}";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A stored version and the model loaded from its artifact, or why it could not be loaded in this host.</summary>
public sealed record LoadedVersion(ModelVersion Version, IRecommender? Model, string? UnavailableReason);
