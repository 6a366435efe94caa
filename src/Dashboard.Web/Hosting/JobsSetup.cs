using Dashboard.Core.Experiments;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Web.Layout;
using Dashboard.Web.Security;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;

namespace Dashboard.Web.Hosting;

public static class JobsSetup
{
    public const string DashboardPath = UiSetup.JobsDashboardPath;
    public const string NightlyCronKey = "Pipeline:NightlyCron";
    public const string AttributionCronKey = "Attribution:Cron";

    /// <summary>
    /// Hangfire on the product's database server (SQL Server mode) or on its own SQLite file (embedded mode),
    /// both durable: enqueued and scheduled jobs survive a restart. Only worker roles process jobs.
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder, DatabaseSettings settings, HostRole role)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (settings.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(settings.ConnectionString, new SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
            }
            else
            {
                config.UseSQLiteStorage(settings.HangfireSqlitePath, new SQLiteStorageOptions());
            }
        });

        if (role.ProcessesJobs())
        {
            builder.Services.AddHangfireServer(options =>
            {
                options.ServerName = $"{Environment.MachineName}:{role}".ToLowerInvariant();
                // Training and profiling are CPU-bound: more workers than cores only adds contention.
                options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            });
        }

        builder.Services.AddHostedService<RecurringJobsRegistrar>();
    }

    /// <summary>
    /// The Hangfire dashboard, for admins only: an endpoint with the Administer policy (so a signed-out visitor is
    /// sent to the sign-in page), and Hangfire's own filter checking the same policy in case the endpoint is ever remapped.
    /// </summary>
    public static void MapJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdministerPolicyFilter()],
            DashboardTitle = "Campaign Dashboard jobs",
            AppPath = "/models",
        }).RequireAuthorization(Policies.Administer);
    }

    private sealed class AdministerPolicyFilter : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            return (await authorization.AuthorizeAsync(http.User, null, Policies.Administer)).Succeeded;
        }
    }

    /// <summary>
    /// The one place that declares recurring jobs. It also takes the job client so that Hangfire builds it at start,
    /// right after configuring itself: Hangfire's log provider is process-wide state, and a client built later could
    /// pick up the logger factory of another (already disposed) host in the same process, as in the test suite.
    /// Recommender training's cron comes from <see cref="TrainingSchedule"/>: a schedule saved on the Models page wins
    /// over <c>Recommendations:TrainingCron</c>; it reads the database, which the initializer registered before has migrated.
    /// </summary>
    private sealed class RecurringJobsRegistrar(
        IRecurringJobManager recurring, IBackgroundJobClient client, IConfiguration configuration, TrainingSchedule training) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(client);
            var cron = configuration[NightlyCronKey] ?? Cron.Daily(2);
            recurring.AddOrUpdate<PipelineJob>(PipelineJob.RecurringJobId, job => job.RunAsync("nightly", CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            // A quarter past every hour, off the top of the hour when imports and other schedules tend to start.
            var attributionCron = configuration[AttributionCronKey] ?? Cron.Hourly(15);
            recurring.AddOrUpdate<AttributionJob>(AttributionJob.RecurringJobId, job => job.RunAsync(null, CancellationToken.None), attributionCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            await training.RegisterAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
