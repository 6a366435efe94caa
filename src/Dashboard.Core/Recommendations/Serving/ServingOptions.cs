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
    /// How long the champion's id is trusted before it is looked up again: requests answer from memory in between,
    /// and a promotion or rollback shows within this delay.
    /// </summary>
    public TimeSpan ChampionRefreshAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the products, best-sellers and neighbours are reused before a background rebuild (it reads every
    /// purchase: seconds on a big shop) replaces them; catalogue changes may wait this long, plus the rebuild. Zero
    /// rebuilds them in every request (tests, tiny shops).
    /// </summary>
    public TimeSpan CatalogueRefreshAfter { get; set; } = TimeSpan.FromMinutes(15);
}
