using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Serving;

/// <summary>
/// The model serving answers from: the recommender champion, or null when there is none or it cannot load here, in
/// which case serving ranks by popularity and <see cref="Fallback"/> says why.
/// </summary>
public sealed record ServingModel(IRecommender? Model, int? VersionId, string Family, string? Fallback)
{
    public const string PopularityFamily = "popularity";

    public static ServingModel Popularity(string why) => new(null, null, PopularityFamily, why);
}
