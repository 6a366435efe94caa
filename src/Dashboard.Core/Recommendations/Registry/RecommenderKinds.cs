namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// Recommender versions share the ModelVersions table with the promo-list popularity model and the profile scores, so
/// their kind carries a prefix: "rec:itemknn" never collides with the older "popularity" kind that promo lists use.
/// </summary>
public static class RecommenderKinds
{
    public const string Prefix = "rec:";

    public static string Of(string family) => Prefix + family;

    public static string FamilyOf(string kind) =>
        kind.StartsWith(Prefix, StringComparison.Ordinal) ? kind[Prefix.Length..] : throw new ArgumentException($"\"{kind}\" is not a recommender kind.", nameof(kind));
}
