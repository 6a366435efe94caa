using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>Recommendation serving for component tests, as the app's pipeline registers it (baseline families only).</summary>
public static class ServingServices
{
    public static IServiceCollection AddServing(this IServiceCollection services)
    {
        services.AddRecommenders();
        services.AddOptions<RecommenderOptions>();
        services.AddOptions<ServingOptions>();
        services.TryAddTransient<AuditLog>();
        services.TryAddTransient<PurchaseSequences>();
        services.AddTransient<RecommenderRegistry>();
        services.AddSingleton<ChampionRecommender>();
        services.AddSingleton<ServingCatalogue>();
        services.AddTransient<RecommendationServing>();
        return services;
    }
}
