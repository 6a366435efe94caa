using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Learning;

namespace Dashboard.Web.Hosting;

public static class DataSetup
{
    /// <summary>Persistence and the pipeline's services; settings are resolved (and validated) once, here.</summary>
    public static DatabaseSettings AddData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = DatabaseSettings.Resolve(builder.Configuration);
        builder.Services.AddDashboardData(settings).AddPipeline().AddLearning();
        builder.Services.AddOptions<DemoSeedingOptions>().BindConfiguration(DemoSeedingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Runs before the Hangfire server starts (hosted services start in registration order).
        builder.Services.AddHostedService<DatabaseInitializer>();
        if (HostRoles.Resolve(builder.Configuration).ServesUi())
        {
            // After the initializer, so that it warms up on the migrated (and, in demo mode, seeded) database.
            builder.Services.AddHostedService<ServingWarmUp>();
        }

        return settings;
    }
}
