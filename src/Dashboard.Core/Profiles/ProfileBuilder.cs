using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Profiles;

/// <summary>
/// What a profile run did; <paramref name="Clusters"/> is null where no <see cref="ICustomerClusterer"/> is registered, and
/// <paramref name="Scores"/> says per score whether a model version was made (and how it did) or why not.
/// </summary>
public sealed record ProfileBuildResult(
    int Customers,
    int Buyers,
    DateTime ReferenceDate,
    IReadOnlyDictionary<string, int> SegmentSizes,
    ClusteringResult? Clusters = null,
    IReadOnlyList<ScoreOutcome>? Scores = null);

/// <summary>
/// Recomputes every customer's RFM profile and the RFM segment table, all in one transaction so that a
/// failed run leaves the previous profiles in place. The inputs come from the preprocessing stage
/// (<see cref="CustomerFeatureBuilder"/>) at the day after the newest order, so recency is measured against the data,
/// not the wall clock, and imported history (e.g. 2011 retail data) gets meaningful scores. Erased customers keep
/// their (anonymous) profile so that segment sizes do not change on an erasure. Where a <see cref="ICustomerClusterer"/> is
/// registered (Dashboard.Learning), buyers also get a behavioural cluster and the cluster segments are replaced; without
/// one, clusters stay null and there are no cluster segments. The predictive scores (churn risk, purchase propensity,
/// expected value) come from <see cref="CustomerScorer"/>; their new model versions are stored in the same transaction
/// and become the champions of their kind, and each profile records the versions that scored it.
/// </summary>
public sealed class ProfileBuilder(
    IDbContextFactory<DashboardDbContext> contexts,
    CustomerFeatureBuilder features,
    TimeProvider clock,
    ICustomerClusterer? clusterer = null,
    CustomerScorer? scorer = null)
{
    /// <summary>The segment table's name column holds this many characters (see the segment configuration).</summary>
    private const int SegmentDescriptionLength = 400;

    private const int BatchSize = 2000;

    public async Task<ProfileBuildResult> BuildAsync(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var referenceDate = await features.LatestCutoffAsync(cancellationToken) ?? now.Date.AddDays(1);
        var table = await features.BuildAsync(referenceDate, cancellationToken);
        progress?.Report(0.2);

        // Only buyers are scored; a customer whose only orders are returns stays a prospect with no value.
        var buyers = table.Where(f => f.HasPurchased).ToList();
        var scores = RfmScoring.Score([.. buyers.Select(f => new RfmInput(f.CustomerId, f.RecencyDays!.Value, f.Frequency, (double)f.Monetary))])
            .ToDictionary(s => s.CustomerId);
        var clusters = clusterer is null ? null : await clusterer.ClusterAsync(table, cancellationToken);
        progress?.Report(0.3);
        var scoring = scorer is null
            ? []
            : await scorer.ScoreAsync(referenceDate, table, new Progress<double>(f => progress?.Report(0.3 + (0.3 * f))), cancellationToken);
        var churn = Predictions(scoring, ScoreDefinitions.Churn);
        var propensity = Predictions(scoring, ScoreDefinitions.Propensity);
        var value = Predictions(scoring, ScoreDefinitions.ExpectedValue);

        var profiles = table.Select(f =>
        {
            var score = scores.GetValueOrDefault(f.CustomerId);
            return new CustomerProfile
            {
                CustomerId = f.CustomerId,
                RecencyDays = f.RecencyDays,
                Frequency = f.Frequency,
                Monetary = f.HasPurchased ? (double)f.Monetary : 0,
                RecencyScore = score.Recency,
                FrequencyScore = score.Frequency,
                MonetaryScore = score.Monetary,
                Segment = f.HasPurchased ? score.Segment : RfmScoring.Prospect,
                FirstPurchaseAt = f.FirstPurchaseAt,
                LastPurchaseAt = f.LastPurchaseAt,
                TopCategory = f.TopCategory,
                TopCategories = [.. f.TopCategories.Select(c => new ProfileCategoryShare { Category = c.Category, Share = c.Share })],
                TenureDays = f.TenureDays,
                AverageOrderValue = f.AverageOrderValue is { } aov ? (double)aov : null,
                ReturnRate = f.ReturnRate,
                DistinctProducts = f.DistinctProducts,
                OrdersLast90Days = f.OrdersLast90Days,
                PreferredWeekday = f.PreferredWeekday,
                PreferredHour = f.PreferredHour,
                Cluster = clusters?.Assignments.TryGetValue(f.CustomerId, out var cluster) == true ? ClusterSegments.Number(clusters.Clusters[cluster]) : null,
                ChurnRisk = churn.GetValueOrDefault(f.CustomerId)?.Value,
                PurchasePropensity = propensity.GetValueOrDefault(f.CustomerId)?.Value,
                ExpectedValue90d = value.GetValueOrDefault(f.CustomerId)?.Value,
                ScoreExplanations = Explanations(f.CustomerId, scoring),
                ReferenceDate = referenceDate,
                ComputedAt = now,
            };
        }).ToList();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sizes = await db.InTransactionAsync(async token =>
        {
            await db.Profiles.ExecuteDeleteAsync(token);
            await StoreModelVersionsAsync(db, scoring, profiles, token);
            // EF's change tracking of 100,000 profiles and their JSON collections took most of the stage's time.
            var insert = new BulkInsert<CustomerProfile>(db);
            for (var i = 0; i < profiles.Count; i += BatchSize)
            {
                await insert.InsertAsync(profiles.GetRange(i, Math.Min(BatchSize, profiles.Count - i)), token);
                progress?.Report(0.6 + (0.35 * Math.Min(profiles.Count, i + BatchSize) / Math.Max(1, profiles.Count)));
            }

            await ReplaceClusterSegmentsAsync(db, profiles, clusters, now, token);
            var refreshed = await RefreshSegmentsAsync(db, profiles, now, token);
            await SnapshotSegmentsAsync(db, referenceDate, now, token);
            return refreshed;
        }, cancellationToken);
        progress?.Report(1);
        return new ProfileBuildResult(profiles.Count, buyers.Count, referenceDate, sizes, clusters, scoring);
    }

    private static IReadOnlyDictionary<int, ScorePrediction> Predictions(IReadOnlyList<ScoreOutcome> scoring, ScoreDefinition definition) =>
        scoring.FirstOrDefault(o => o.Definition == definition)?.Predictions ?? new Dictionary<int, ScorePrediction>();

    private static List<ScoreContribution> Explanations(int customerId, IReadOnlyList<ScoreOutcome> scoring) =>
    [
        .. scoring.SelectMany(o => o.Predictions.TryGetValue(customerId, out var prediction)
            ? prediction.Contributions.Select(c => new ScoreContribution { Score = o.Definition.Kind, Feature = c.Name, Value = double.IsFinite(c.Value) ? c.Value : null, Contribution = c.Contribution })
            : []),
    ];

    /// <summary>Each new score model replaces its kind's champion; the profiles point at the version that scored them.</summary>
    private static async Task StoreModelVersionsAsync(
        DashboardDbContext db, IReadOnlyList<ScoreOutcome> scoring, List<CustomerProfile> profiles, CancellationToken cancellationToken)
    {
        var made = scoring.Where(o => o.Version is not null).ToList();
        foreach (var outcome in made)
        {
            var kind = outcome.Definition.Kind;
            await db.ModelVersions.Where(m => m.Kind == kind && m.IsChampion)
                .ExecuteUpdateAsync(m => m.SetProperty(v => v.IsChampion, false), cancellationToken);
            db.ModelVersions.Add(outcome.Version!);
        }

        await db.SaveChangesAsync(cancellationToken);
        var ids = made.ToDictionary(o => o.Definition.Kind, o => (int?)o.Version!.Id);
        foreach (var profile in profiles)
        {
            profile.ChurnModelVersionId = profile.ChurnRisk is null ? null : ids.GetValueOrDefault(ScoreDefinitions.Churn.Kind);
            profile.PropensityModelVersionId = profile.PurchasePropensity is null ? null : ids.GetValueOrDefault(ScoreDefinitions.Propensity.Kind);
            profile.ValueModelVersionId = profile.ExpectedValue90d is null ? null : ids.GetValueOrDefault(ScoreDefinitions.ExpectedValue.Kind);
        }

        db.ChangeTracker.Clear();
    }

    private static async Task<IReadOnlyDictionary<string, int>> RefreshSegmentsAsync(
        DashboardDbContext db, List<CustomerProfile> profiles, DateTime now, CancellationToken cancellationToken)
    {
        var bySegment = profiles.GroupBy(p => p.Segment).ToDictionary(g => g.Key, g => (Count: g.Count(), Revenue: g.Sum(p => p.Monetary)));
        var existing = await db.Segments.Where(s => s.Kind == SegmentKind.Rfm).ToDictionaryAsync(s => s.Name, cancellationToken);
        foreach (var (name, description) in RfmScoring.Segments)
        {
            if (!existing.TryGetValue(name, out var segment))
            {
                segment = new Segment { Name = name, Kind = SegmentKind.Rfm };
                db.Segments.Add(segment);
            }

            var (count, revenue) = bySegment.GetValueOrDefault(name);
            segment.Description = description;
            segment.CustomerCount = count;
            segment.Revenue = revenue;
            segment.ComputedAt = now;
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        return RfmScoring.Segments.ToDictionary(s => s.Name, s => bySegment.GetValueOrDefault(s.Name).Count);
    }

    /// <summary>Appends this run's segment sizes to the history the Segments page draws its trends from.</summary>
    private static async Task SnapshotSegmentsAsync(DashboardDbContext db, DateTime referenceDate, DateTime now, CancellationToken cancellationToken)
    {
        var current = await db.Segments.AsNoTracking().ToListAsync(cancellationToken);
        db.SegmentSnapshots.AddRange(current.Select(s => new SegmentSnapshot
        {
            Name = s.Name,
            Kind = s.Kind,
            CustomerCount = s.CustomerCount,
            Revenue = s.Revenue,
            ReferenceDate = referenceDate,
            // The run's time, not the segment's: a custom segment computed earlier must not look like a run of its own.
            ComputedAt = now,
        }));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task ReplaceClusterSegmentsAsync(
        DashboardDbContext db, List<CustomerProfile> profiles, ClusteringResult? clusters, DateTime now, CancellationToken cancellationToken)
    {
        // k can change between runs, so the previous run's clusters go entirely.
        await db.Segments.Where(s => s.Kind == SegmentKind.Cluster).ExecuteDeleteAsync(cancellationToken);
        if (clusters is null)
        {
            return;
        }

        var revenue = profiles.Where(p => p.Cluster is not null).GroupBy(p => p.Cluster!.Value).ToDictionary(g => g.Key, g => g.Sum(p => p.Monetary));
        db.Segments.AddRange(clusters.Clusters.Select(c => new Segment
        {
            Name = ClusterSegments.Name(c),
            Kind = SegmentKind.Cluster,
            Description = c.Sentence.Length <= SegmentDescriptionLength ? c.Sentence : c.Sentence[..SegmentDescriptionLength],
            CustomerCount = c.Size,
            Revenue = revenue.GetValueOrDefault(ClusterSegments.Number(c)),
            ComputedAt = now,
        }));
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }
}
