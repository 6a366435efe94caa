namespace Dashboard.Core.Recommendations.Recommenders;

internal static class ScoreVectors
{
    /// <summary>A score vector must have one entry per catalogue item; anything else is a caller's mix-up of catalogues.</summary>
    public static void RequireCatalogueSize(Span<float> scores, int catalogueSize)
    {
        if (scores.Length != catalogueSize)
        {
            throw new ArgumentException($"The score vector has {scores.Length} entries but the fitted catalogue has {catalogueSize} items (none before Fit).", nameof(scores));
        }
    }
}
