using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Recommendations.Recommenders;

public static class RecommenderServiceCollectionExtensions
{
    /// <summary>The catalogue and the three baselines; the pipeline's registration calls it.</summary>
    public static IServiceCollection AddRecommenders(this IServiceCollection services)
    {
        services.AddSingleton<RecommenderCatalog>();
        services.AddRecommender(PopularityRecommender.ModelName, "Most bought in the last 30 days of training, the same for everyone.", _ => new PopularityRecommender(), PopularityRecommender.Load);
        services.AddRecommender(ItemKnnRecommender.ModelName, "Item-to-item cosine neighbours of the customer's items, recent baskets weigh more.", _ => new ItemKnnRecommender(), ItemKnnRecommender.Load);
        services.AddRecommender(RepeatRecommender.ModelName, "The customer's own items by recency-weighted frequency, then popularity.", _ => new RepeatRecommender(), RepeatRecommender.Load);
        return services;
    }

    /// <summary>
    /// Makes a model available by name; <paramref name="create"/> gets the host's services (options, logging) and must
    /// return a new, unfitted instance on each call; <paramref name="load"/> reads what the model's Save wrote.
    /// <paramref name="unavailable"/> says why it cannot run here, if it may not.
    /// </summary>
    public static IServiceCollection AddRecommender(
        this IServiceCollection services,
        string name,
        string description,
        Func<IServiceProvider, IRecommender> create,
        Func<byte[], IRecommender> load,
        Func<string?>? unavailable = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(load);
        services.AddSingleton(provider => new RecommenderRegistration(name, description, () => create(provider), load, unavailable));
        return services;
    }
}
