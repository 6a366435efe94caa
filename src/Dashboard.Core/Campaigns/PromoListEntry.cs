namespace Dashboard.Core.Campaigns;

/// <summary>One audience member of a launched campaign: the variant they got and what they are offered.</summary>
public class PromoListEntry
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int VariantId { get; set; }
    public int CustomerId { get; set; }
    public string? CouponCode { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The recommender model version the offers came from; null for members offered nothing.</summary>
    public int? ModelVersionId { get; set; }

    /// <summary>The member's scores at launch, kept so the list and the report show what the targeting saw.</summary>
    public double? ChurnRisk { get; set; }

    public double? PurchasePropensity { get; set; }
    public double? ExpectedValue90d { get; set; }

    /// <summary>
    /// The member's RFM segment at launch (null without a profile then). The report breaks results down by it: a
    /// breakdown by today's segment would mix in what the campaign itself changed (a buyer moves up a segment).
    /// </summary>
    public string? Segment { get; set; }

    /// <summary>The member's country at launch, for the report's breakdown by country.</summary>
    public required string Country { get; set; }

    /// <summary>
    /// The member's purchase revenue in the window-length period just before launch (0 without purchases): CUPED's
    /// covariate, which must not depend on the treatment, kept here so that the report sums it from this table alone.
    /// </summary>
    public double PreRevenue { get; set; }

    public List<PromoListItem> Items { get; set; } = [];
}

public class PromoListItem
{
    public long Id { get; set; }
    public long PromoListEntryId { get; set; }
    public int Rank { get; set; }
    public int ProductId { get; set; }
    public double Score { get; set; }
    public required string Reason { get; set; }
}
