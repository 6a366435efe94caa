using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// The model serving answers from: the recommender champion, or null when there is none or it cannot load here, in
/// which case serving ranks by popularity and <see cref="Fallback"/> says why.
/// </summary>
/// <param name="ServingDataTo">When the served fit is the version's refit on all purchases, the newest purchase it saw.</param>
public sealed record ServingModel(IRecommender? Model, int? VersionId, string Family, string? Fallback, DateTime? ServingDataTo = null)
{
    public const string PopularityFamily = "popularity";

    public static ServingModel Popularity(string why) => new(null, null, PopularityFamily, why);
}
