namespace Dashboard.Core.Campaigns;

/// <summary>How a variant picks the products it offers.</summary>
public enum OfferStrategy
{
    /// <summary>Receives nothing: the holdout that measures incrementality.</summary>
    None = 0,

    /// <summary>The same best-sellers for everyone.</summary>
    BestSellers = 1,

    /// <summary>Top products from the champion recommender for each customer.</summary>
    Personalized = 2,
}

public class CampaignVariant
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public required string Name { get; set; }
    public bool IsControl { get; set; }
    public OfferStrategy Strategy { get; set; }

    /// <summary>Share of the audience assigned to this variant; the shares of a campaign add up to 1.</summary>
    public double TrafficShare { get; set; }

    public int ProductCount { get; set; } = 5;

    /// <summary>
    /// For <see cref="OfferStrategy.Personalized"/>: the recommender model version pinned for this variant; null follows the
    /// champion at launch. Pinning lets a manager test a challenger against the champion.
    /// </summary>
    public int? ModelVersionId { get; set; }
}
