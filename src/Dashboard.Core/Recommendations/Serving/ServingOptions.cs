namespace Dashboard.Core.Recommendations.Serving;

/// <summary>The serving rules a marketer may want to tune without a new model.</summary>
public sealed class ServingOptions
{
    public const string Section = "Recommendations:Serving";

    /// <summary>Items bought this recently are not offered again, unless the champion is the repeat-buying family.</summary>
    public int RecentPurchaseDays { get; set; } = 14;

    /// <summary>With diversity on, at most this many items of one category.</summary>
    public int MaxPerCategory { get; set; } = 3;

    /// <summary>How many days of sales make "popular right now" (cold start and the fallback ranking).</summary>
    public int PopularityDays { get; set; } = 30;

    /// <summary>The cosine similarity an item-to-item neighbour needs before "bought with X" is a believable reason.</summary>
    public float MinNeighbourSimilarity { get; set; } = 0.2f;

    /// <summary>
    /// How long the champion id, the catalogue, popularity and neighbours are reused before being checked again: the
    /// API answers from memory in between, a promotion shows within this delay.
    /// </summary>
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromSeconds(30);
}
