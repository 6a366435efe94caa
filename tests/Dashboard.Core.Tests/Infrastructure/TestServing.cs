using Dashboard.Core.Models;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>Recommendation serving wired as a host wires it (baseline families only), and a way to give it a champion.</summary>
public static class TestServing
{
    public static RecommenderCatalog Catalog() =>
        new ServiceCollection().AddRecommenders().BuildServiceProvider().GetRequiredService<RecommenderCatalog>();

    public static RecommendationServing Create(
        SqliteTestDatabase database, TimeProvider clock, ServingOptions? servingOptions = null, ServingReadContexts? readContexts = null)
    {
        var options = Options.Create(servingOptions ?? new ServingOptions());
        var sequences = new PurchaseSequences(database);
        var registry = new RecommenderRegistry(database, Catalog(), new AuditLog(database, clock), clock, Options.Create(new RecommenderOptions()));
        return new RecommendationServing(
            database, sequences, new ChampionRecommender(database, registry, clock, options), registry,
            new ServingCatalogue(database, sequences, clock, options, NullLogger<ServingCatalogue>.Instance), clock, options, readContexts);
    }

    /// <summary>
    /// Fits <paramref name="model"/> on every purchase before <paramref name="before"/> (default: all of them) and stores
    /// it as the recommender champion.
    /// </summary>
    public static async Task<int> PromoteChampionAsync(SqliteTestDatabase database, IRecommender model, DateTime? before = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sequences = new PurchaseSequences(database);
        var cutoff = before ?? (await sequences.NewestPurchaseAtAsync())!.Value.AddTicks(1);
        await using var db = database.CreateDbContext();
        var items = new ItemIndex(db.Products.Select(p => p.Id).ToList());
        var histories = new List<CustomerHistory>();
        await foreach (var sequence in sequences.ReadAsync(new PurchaseWindow(null, cutoff)))
        {
            histories.Add(PurchaseHistories.ToHistory(sequence.CustomerId, sequence.Steps, items));
        }

        model.Fit(new RecommenderTrainingSet(items, histories, cutoff));
        foreach (var champion in db.ModelVersions.Where(m => m.IsChampion))
        {
            champion.IsChampion = false;
        }

        var version = new ModelVersion
        {
            Kind = RecommenderKinds.Of(model.Name), CreatedAt = cutoff, DataFrom = cutoff.AddDays(-90), DataTo = cutoff,
            Artifact = model.Save(), IsChampion = true, PromotedAt = cutoff,
        };
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync();
        return version.Id;
    }
}
