using Dashboard.Core.Preprocessing;

namespace Dashboard.Core.Profiles.Scoring;

/// <summary>
/// The inputs of the predictive scores, in a fixed order, with the names people read in explanations. Only buyers are
/// scored, so every value exists except <c>days between orders</c> for one-time buyers, which is NaN: tree models treat it
/// as missing instead of as a number.
/// </summary>
public static class ScoreFeatureVector
{
    /// <summary>How each feature's value reads, by feature name: the explanations show the customer's value next to its effect.</summary>
    public static IReadOnlyDictionary<string, ScoreFeatureUnit> Units { get; } = new Dictionary<string, ScoreFeatureUnit>
    {
        ["Net revenue"] = ScoreFeatureUnit.Money,
        ["Average order value"] = ScoreFeatureUnit.Money,
        ["Return rate"] = ScoreFeatureUnit.Fraction,
        ["Days since last purchase"] = ScoreFeatureUnit.Days,
        ["Days since first purchase"] = ScoreFeatureUnit.Days,
        ["Average days between orders"] = ScoreFeatureUnit.Days,
        [ExpectedOrders] = ScoreFeatureUnit.Count,
        [ExpectedOrderValue] = ScoreFeatureUnit.Money,
        [ChanceActive] = ScoreFeatureUnit.Fraction,
    };

    /// <summary>The quantities that explain an expected value from the purchase and order-value models (not features).</summary>
    public const string ExpectedOrders = "Expected orders";

    public const string ExpectedOrderValue = "Expected order value";
    public const string ChanceActive = "Chance still a customer";

    public static IReadOnlyList<string> Names { get; } =
    [
        "Days since last purchase",
        "Orders",
        "Net revenue",
        "Days since first purchase",
        "Average order value",
        "Return rate",
        "Distinct products",
        "Orders in the last 30 days",
        "Orders in the last 90 days",
        "Average days between orders",
    ];

    public static int Length => Names.Count;

    public static float[] Of(CustomerFeatures f)
    {
        if (!f.HasPurchased)
        {
            throw new ArgumentException($"Customer {f.CustomerId} has no purchase before {f.Cutoff:yyyy-MM-dd}; only buyers are scored.", nameof(f));
        }

        var recency = f.RecencyDays!.Value;
        var tenure = f.TenureDays!.Value;
        return
        [
            recency,
            f.Frequency,
            (float)f.Monetary,
            tenure,
            (float)f.AverageOrderValue!.Value,
            (float)(f.ReturnRate ?? 0),
            f.DistinctProducts,
            f.OrdersLast30Days,
            f.OrdersLast90Days,
            f.Frequency > 1 ? (float)(tenure - recency) / (f.Frequency - 1) : float.NaN,
        ];
    }
}

public enum ScoreFeatureUnit
{
    Count = 0,
    Money = 1,
    Fraction = 2,
    Days = 3,
}
