namespace Dashboard.Core.Profiles;

/// <summary>
/// What the pipeline knows about one customer, recomputed by the profiling stage.
/// Money is stored as <see cref="double"/> because lists sort and filter on it in SQL.
/// </summary>
public class CustomerProfile
{
    public int CustomerId { get; set; }

    /// <summary>Days from the last purchase to the profile's reference date; null when never purchased.</summary>
    public int? RecencyDays { get; set; }

    /// <summary>Number of distinct purchase orders.</summary>
    public int Frequency { get; set; }

    /// <summary>Net revenue: purchases minus returns.</summary>
    public double Monetary { get; set; }

    public int RecencyScore { get; set; }
    public int FrequencyScore { get; set; }
    public int MonetaryScore { get; set; }

    /// <summary>Named RFM segment, e.g. "Champions"; "Prospect" for customers without purchases.</summary>
    public required string Segment { get; set; }

    public DateTime? FirstPurchaseAt { get; set; }
    public DateTime? LastPurchaseAt { get; set; }
    public string? TopCategory { get; set; }

    /// <summary>Up to three categories with their share of the purchased quantity, largest first.</summary>
    public List<ProfileCategoryShare> TopCategories { get; set; } = [];

    /// <summary>Days from the first purchase to the reference date; null when never purchased.</summary>
    public int? TenureDays { get; set; }

    /// <summary>Gross purchase revenue per purchase order.</summary>
    public double? AverageOrderValue { get; set; }

    /// <summary>Returned value / purchased value (see the preprocessing stage).</summary>
    public double? ReturnRate { get; set; }

    public int DistinctProducts { get; set; }
    public int OrdersLast90Days { get; set; }

    /// <summary>The weekday and hour (UTC) of most purchase orders.</summary>
    public DayOfWeek? PreferredWeekday { get; set; }

    public int? PreferredHour { get; set; }

    /// <summary>Probability (0..1) of no purchase in the next 90 days; null until a churn model scored the customer.</summary>
    public double? ChurnRisk { get; set; }

    /// <summary>Probability (0..1) of a purchase in the next 30 days.</summary>
    public double? PurchasePropensity { get; set; }

    /// <summary>Expected net revenue over the next 90 days.</summary>
    public double? ExpectedValue90d { get; set; }

    /// <summary>The behavioural cluster's number as people see it (1, 2, ...; see <see cref="ClusterSegments"/>).</summary>
    public int? Cluster { get; set; }

    /// <summary>The model versions that produced <see cref="ChurnRisk"/>, <see cref="PurchasePropensity"/> and <see cref="ExpectedValue90d"/>.</summary>
    public int? ChurnModelVersionId { get; set; }

    public int? PropensityModelVersionId { get; set; }
    public int? ValueModelVersionId { get; set; }

    /// <summary>The features that pushed each score most for this customer (stored as JSON), largest effect first.</summary>
    public List<ScoreContribution> ScoreExplanations { get; set; } = [];

    /// <summary>The date the recency was measured against (the newest order at compute time).</summary>
    public DateTime ReferenceDate { get; set; }
    public DateTime ComputedAt { get; set; }

    public string RfmCode => RecencyScore == 0 ? "-" : $"{RecencyScore}{FrequencyScore}{MonetaryScore}";
}

/// <summary>One category's share (0..1) of a customer's purchased quantity, stored as JSON on the profile.</summary>
public class ProfileCategoryShare
{
    public required string Category { get; set; }
    public double Share { get; set; }
}

/// <summary>
/// One feature's contribution to one of a customer's scores (<see cref="Score"/> is a model kind such as "churn"), on the
/// model's own scale (positive raises the score), with the customer's value of that feature (null when it does not exist
/// for them, e.g. the days between orders of a one-time buyer).
/// </summary>
public class ScoreContribution
{
    public required string Score { get; set; }
    public required string Feature { get; set; }
    public double? Value { get; set; }
    public double Contribution { get; set; }
}
