using Dashboard.Core.Profiles;
using Dashboard.Core.Profiles.Scoring;
using Dashboard.Learning.Clustering;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Learning.Scoring;
using Dashboard.Learning.Sequences;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Learning;

public static class LearningServiceCollectionExtensions
{
    /// <summary>
    /// The ML.NET models the pipeline uses where they are available (behavioural clusters of buyers and the
    /// gradient-boosted models behind churn risk, purchase propensity and expected value), and the TorchSharp sequence
    /// recommenders, which say they are unavailable where libtorch cannot load (the baselines still run).
    /// </summary>
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<ICustomerClusterer, KMeansCustomerClusterer>();
        services.AddSingleton<IScoreModelTrainer, CustomerScoreTrainer>();
        services.AddRecommender(Gru4RecRecommender.ModelName, "GRU over the customer's last 20 orders with a repeat/explore head, trained on next-basket targets (TorchSharp).",
            _ => new Gru4RecRecommender(), Gru4RecRecommender.Load, TorchUnavailable);
        services.AddRecommender(SasRecRecommender.ModelName, "Causal self-attention over the last 20 orders with a repeat/explore head, trained on next-basket targets (TorchSharp).",
            _ => new SasRecRecommender(), SasRecRecommender.Load, TorchUnavailable);
        return services;
    }

    private static string? TorchUnavailable() => TorchRuntime.IsAvailable ? null : TorchRuntime.Status.Message;
}
