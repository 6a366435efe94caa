using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Customers;

/// <summary>One feature behind a customer's score: its value for them and whether it pushed the score up or down.</summary>
public sealed record ScoreReason(string Feature, double? Value, ScoreFeatureUnit Unit, double Contribution);

/// <summary>
/// One of a customer's scores with the model version that made it and how that version did against its baseline on the
/// held-out window; <see cref="Value"/> is null when the last profile run did not score this customer.
/// </summary>
public sealed record CustomerScoreView(
    ScoreDefinition Definition,
    double? Value,
    int? VersionId,
    DateTime? VersionCreatedAt,
    ScoreEvaluation? Evaluation,
    IReadOnlyList<ScoreReason> Reasons)
{
    public bool IsFlagged => Evaluation is { BeatsBaseline: false };
}

/// <summary>The predictive scores of one customer for the profile page.</summary>
public sealed class CustomerScoresService(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<IReadOnlyList<CustomerScoreView>?> LoadAsync(int customerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.CustomerId == customerId, ct);
        if (profile is null)
        {
            return null;
        }

        int?[] versionIds = [profile.ChurnModelVersionId, profile.PropensityModelVersionId, profile.ValueModelVersionId];
        var wanted = versionIds.OfType<int>().ToList();
        var versions = await db.ModelVersions.AsNoTracking().Where(m => wanted.Contains(m.Id))
            .Select(m => new { m.Id, m.CreatedAt, m.MetricsJson })
            .ToDictionaryAsync(m => m.Id, ct);

        CustomerScoreView View(ScoreDefinition definition, double? value, int? versionId)
        {
            var version = versionId is { } id ? versions.GetValueOrDefault(id) : null;
            var reasons = profile.ScoreExplanations.Where(e => e.Score == definition.Kind)
                .Select(e => new ScoreReason(e.Feature, e.Value, ScoreFeatureVector.Units.GetValueOrDefault(e.Feature), e.Contribution))
                .ToList();
            return new CustomerScoreView(definition, value, version?.Id, version?.CreatedAt, CustomerScorer.ReadEvaluation(version?.MetricsJson), reasons);
        }

        return
        [
            View(ScoreDefinitions.Churn, profile.ChurnRisk, profile.ChurnModelVersionId),
            View(ScoreDefinitions.Propensity, profile.PurchasePropensity, profile.PropensityModelVersionId),
            View(ScoreDefinitions.ExpectedValue, profile.ExpectedValue90d, profile.ValueModelVersionId),
        ];
    }
}
