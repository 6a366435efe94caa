namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// Fills a personal score vector so that the whole catalogue is ranked: items the personal model reached keep their
/// scores, every other item gets its popularity scaled strictly below the lowest reached score. Without this, the
/// unreached items would tie at zero and be listed by index, which is no ranking at all.
/// </summary>
internal static class PopularityFill
{
    /// <summary>
    /// With m = the smallest positive score and P = the largest popularity, every item with score ≤ 0 gets
    /// m · popularity / (P + 1), which is below m because popularity ≤ P. With no positive score, the scores become the
    /// popularity itself.
    /// </summary>
    public static void BelowReached(Span<float> scores, ReadOnlySpan<float> popularity)
    {
        var lowestReached = float.PositiveInfinity;
        foreach (var score in scores)
        {
            if (score > 0 && score < lowestReached)
            {
                lowestReached = score;
            }
        }

        if (float.IsPositiveInfinity(lowestReached))
        {
            popularity.CopyTo(scores);
            return;
        }

        var scale = lowestReached / (Max(popularity) + 1d);
        for (var item = 0; item < scores.Length; item++)
        {
            if (scores[item] <= 0)
            {
                scores[item] = (float)(scale * popularity[item]);
            }
        }
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var value in values)
        {
            max = Math.Max(max, value);
        }

        return max;
    }
}
