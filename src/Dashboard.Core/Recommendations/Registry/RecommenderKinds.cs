namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// Recommender versions share the ModelVersions table with the profile scores and the older "popularity" kind (the
/// best-seller lists promo lists used before the recommenders served them; kept as history), so their kind carries a
/// prefix: "rec:popularity" never collides with it.
/// </summary>
public static class RecommenderKinds
{
    public const string Prefix = "rec:";

    public static string Of(string family) => Prefix + family;

    public static string FamilyOf(string kind) =>
        kind.StartsWith(Prefix, StringComparison.Ordinal) ? kind[Prefix.Length..] : throw new ArgumentException($"\"{kind}\" is not a recommender kind.", nameof(kind));
}
