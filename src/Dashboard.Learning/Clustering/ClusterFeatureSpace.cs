using Dashboard.Core.Preprocessing;

namespace Dashboard.Learning.Clustering;

/// <summary>
/// The behavioural features a buyer is clustered on, in original units and as standardized model inputs. Skewed
/// quantities (money, counts, days) go through log(1 + x) first so that a few big customers do not make every other
/// customer look alike; the return rate is clipped to 0..1. Each column is then standardized to z-scores with the
/// population mean and (population) standard deviation; a constant column becomes all zeros.
/// </summary>
internal sealed class ClusterFeatureSpace
{
    public static readonly IReadOnlyList<string> Names =
        ["spend", "orders", "days since last purchase", "average order", "return rate", "days as customer", "distinct products"];

    public const int Spend = 0;
    public const int Orders = 1;
    public const int Recency = 2;
    public const int AverageOrder = 3;
    public const int ReturnRate = 4;
    public const int Tenure = 5;
    public const int Products = 6;

    private ClusterFeatureSpace(IReadOnlyList<int> customerIds, double[][] raw, double[][] standardized)
    {
        CustomerIds = customerIds;
        Raw = raw;
        Standardized = standardized;
    }

    public IReadOnlyList<int> CustomerIds { get; }

    /// <summary>Per buyer, the features in original units (money, orders, days, a 0..1 rate, days, products).</summary>
    public double[][] Raw { get; }

    /// <summary>Per buyer, the z-scores of the transformed features: what k-means and the silhouette see.</summary>
    public double[][] Standardized { get; }

    public int Count => CustomerIds.Count;

    /// <summary>Buyers only, in customer id order so that the result does not depend on the input's order.</summary>
    public static ClusterFeatureSpace Build(IEnumerable<CustomerFeatures> features)
    {
        var buyers = features.Where(f => f.HasPurchased).OrderBy(f => f.CustomerId).ToList();
        var raw = buyers.Select(f => new[]
        {
            (double)f.Monetary,
            f.Frequency,
            f.RecencyDays ?? 0,
            (double)(f.AverageOrderValue ?? 0m),
            Math.Clamp(f.ReturnRate ?? 0, 0, 1),
            f.TenureDays ?? 0,
            f.DistinctProducts,
        }).ToArray();
        var transformed = raw.Select(r => r.Select((v, d) => d == ReturnRate ? v : Math.Log(1 + Math.Max(0, v))).ToArray()).ToArray();

        var dimensions = Names.Count;
        var standardized = transformed.Select(_ => new double[dimensions]).ToArray();
        for (var d = 0; d < dimensions; d++)
        {
            var column = transformed.Select(r => r[d]).ToArray();
            var mean = column.Length > 0 ? column.Average() : 0;
            var std = column.Length > 0 ? Math.Sqrt(column.Average(v => (v - mean) * (v - mean))) : 0;
            for (var i = 0; i < column.Length; i++)
            {
                standardized[i][d] = std > 1e-12 ? (column[i] - mean) / std : 0;
            }
        }

        return new ClusterFeatureSpace([.. buyers.Select(b => b.CustomerId)], raw, standardized);
    }
}
