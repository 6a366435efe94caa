using System.Diagnostics;
using System.Text.Json;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Recommendations;

/// <summary>
/// Trains the popularity recommender: how many purchase orders contained each active product in the
/// last <see cref="WindowDays"/> days of data (anonymous orders count: they are real demand), as the preprocessing
/// stage counts them (<see cref="PurchaseSequences.PopularityAsync"/>).
/// The new version becomes the champion; model comparison and promotion rules come with the model registry.
/// </summary>
public sealed class PopularityTrainer(IDbContextFactory<DashboardDbContext> contexts, PurchaseSequences sequences, TimeProvider clock)
{
    public const int WindowDays = 30;
    private const int GlobalSize = 100;
    private const int CategorySize = 30;

    public async Task<ModelVersion?> TrainAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var newest = await sequences.NewestPurchaseAtAsync(cancellationToken);
        if (newest is null)
        {
            return null;
        }

        var windowEnd = newest.Value;
        var windowStart = windowEnd.AddDays(-WindowDays);
        var sales = await sequences.PopularityAsync(PurchaseWindow.Since(windowStart), cancellationToken);

        // Ranked by orders, ties by product id (the order PopularityAsync returns), so the same data always trains the same model.
        var ranked = sales.Where(c => c.IsActive).ToList();
        var model = new PopularityModel(
            windowStart,
            windowEnd,
            ranked.Take(GlobalSize).Select(c => new ScoredProduct(c.ProductId, c.Orders)).ToList(),
            ranked.GroupBy(c => c.Category).ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<ScoredProduct>)g.Take(CategorySize).Select(c => new ScoredProduct(c.ProductId, c.Orders)).ToList()));

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async token =>
        {
            // Built inside the transaction: a retried attempt must not reuse an entity an earlier attempt half-saved.
            var version = new ModelVersion
            {
                Kind = ModelKinds.Popularity,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                DataFrom = windowStart,
                DataTo = windowEnd,
                ParametersJson = JsonSerializer.Serialize(new { windowDays = WindowDays, globalSize = GlobalSize, categorySize = CategorySize }),
                MetricsJson = JsonSerializer.Serialize(new { products = ranked.Count, categories = model.ByCategory.Count }),
                Artifact = model.ToBytes(),
                IsChampion = true,
                TrainingSeconds = stopwatch.Elapsed.TotalSeconds,
            };
            await db.ModelVersions.Where(m => m.Kind == ModelKinds.Popularity && m.IsChampion)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsChampion, false), token);
            db.ModelVersions.Add(version);
            await db.SaveChangesAsync(token);
            return version;
        }, cancellationToken);
    }
}
