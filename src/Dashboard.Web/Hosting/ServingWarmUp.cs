using System.Diagnostics;
using Dashboard.Core.Recommendations.Serving;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Loads the recommender champion and builds the serving catalogue right after start-up (after the database is ready
/// and any demo data seeded), in the background, so that the first recommendation request does not pay for them.
/// </summary>
public sealed class ServingWarmUp(ChampionRecommender champion, ServingCatalogue catalogue, ILogger<ServingWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var model = await champion.CurrentAsync(stoppingToken);
            var snapshot = await catalogue.CurrentAsync(stoppingToken);
            logger.LogInformation("Serving warmed up in {Seconds:0.0} s: {Family} (version {Version}), {Products} products",
                clock.Elapsed.TotalSeconds, model.Family, model.VersionId, snapshot.Products.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Not fatal: the first request builds what is missing.
            logger.LogWarning(e, "Warming up recommendation serving failed");
        }
    }
}
