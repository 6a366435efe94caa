using Dashboard.Core.Profiles;
using Dashboard.Core.Profiles.Scoring;
using Dashboard.Learning.Clustering;
using Dashboard.Learning.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Learning;

public static class LearningServiceCollectionExtensions
{
    /// <summary>The ML.NET models the pipeline uses where they are available: behavioural clusters of buyers and the gradient-boosted models behind churn risk, purchase propensity and expected value.</summary>
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<ICustomerClusterer, KMeansCustomerClusterer>();
        services.AddSingleton<IScoreModelTrainer, CustomerScoreTrainer>();
        return services;
    }
}
