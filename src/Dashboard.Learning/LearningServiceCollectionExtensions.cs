using Dashboard.Core.Profiles;
using Dashboard.Learning.Clustering;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Learning;

public static class LearningServiceCollectionExtensions
{
    /// <summary>The ML.NET models the pipeline uses where they are available: behavioural clusters of buyers.</summary>
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<ICustomerClusterer, KMeansCustomerClusterer>();
        return services;
    }
}
