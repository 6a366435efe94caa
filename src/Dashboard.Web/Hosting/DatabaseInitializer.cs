using Dashboard.Core.Demo;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Recommendations.Registry;
using Hangfire;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Migrates the database at start-up and, in demo mode, fills an empty one, runs the pipeline once, plays one finished
/// A/B test (<see cref="DemoCampaign"/>) and queues a training of every recommender family, so that a fresh clone opens on
/// a working dashboard with a report to read and, a minute later, the sequence models on the Models page.
/// </summary>
public sealed class DatabaseInitializer(
    DatabaseMigrator migrator,
    IDbContextFactory<DashboardDbContext> contexts,
    IServiceProvider services,
    IOptions<DemoSeedingOptions> demo,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);

        // Only hosts that serve the UI sign people in (a worker has no users to bootstrap).
        if (services.GetService<StaffBootstrapper>() is { } staff)
        {
            await staff.RunAsync();
        }

        var options = demo.Value;
        if (!options.SeedWhenEmpty)
        {
            return;
        }

        var lastDay = (options.EndDate ?? clock.GetUtcNow().UtcDateTime).Date;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await DemoDataGenerator.IsDatabaseEmptyAsync(db, cancellationToken))
            {
                return;
            }

            logger.LogInformation("Empty database: seeding a demo shop with {Customers} customers", options.Customers);
            var result = await new DemoDataGenerator().SeedAsync(db, new DemoOptions
            {
                Customers = options.Customers,
                Products = options.Products,
                Days = options.Days,
                Seed = options.Seed,
                EndDate = lastDay,
            }, ct: cancellationToken);
            logger.LogInformation("Demo shop seeded in {Seconds:0.0} s: {Orders} orders, {Events} events", result.Elapsed.TotalSeconds, result.Orders, result.Events);
        }

        await services.GetRequiredService<PipelineJob>().RunAsync("startup", null, cancellationToken);
        var campaign = await services.GetRequiredService<DemoCampaign>().SeedAsync(lastDay, options.Seed, cancellationToken);
        logger.LogInformation("Demo A/B test played: {Members} members, {Conversions} conversions", campaign.Members, campaign.Conversions);
        if (options.TrainRecommenders && services.GetService<IBackgroundJobClient>() is { } jobs)
        {
            jobs.Enqueue<RecommenderTrainingJob>(job => job.RunAsync(CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
