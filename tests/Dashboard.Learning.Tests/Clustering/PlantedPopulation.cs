using Dashboard.Core.Preprocessing;

namespace Dashboard.Learning.Tests.Clustering;

/// <summary>Synthetic buyers in three well-separated behavioural groups, plus a few customers who never bought.</summary>
internal static class PlantedPopulation
{
    public static readonly DateTime Cutoff = new(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc);

    public const string HighSpenders = "high spenders";
    public const string LapsedOneTimers = "lapsed one-timers";
    public const string FrequentSmallBaskets = "frequent small baskets";

    /// <summary>The features and, per buyer id, the group it was planted in.</summary>
    public static (List<CustomerFeatures> Features, Dictionary<int, string> Groups) Create(int perGroup = 150, int seed = 1)
    {
#pragma warning disable CA5394 // Test data, not security.
        var random = new Random(seed);
        int Between(int min, int max) => random.Next(min, max + 1);
        var features = new List<CustomerFeatures>();
        var groups = new Dictionary<int, string>();
        var id = 0;
        for (var i = 0; i < perGroup; i++)
        {
            var orders = Between(10, 16);
            Add(HighSpenders, orders, orders * Between(180, 260), recency: Between(1, 14), tenure: Between(300, 400), products: Between(25, 45), returnShare: random.NextDouble() * 0.05);
            Add(LapsedOneTimers, 1, Between(20, 45), recency: Between(150, 250), tenure: null, products: Between(1, 2), returnShare: 0);
            orders = Between(20, 35);
            Add(FrequentSmallBaskets, orders, orders * Between(8, 15), recency: Between(1, 7), tenure: Between(150, 250), products: Between(4, 8), returnShare: random.NextDouble() * 0.03);
        }
#pragma warning restore CA5394

        for (var i = 0; i < 10; i++)
        {
            features.Add(Features(++id, 0, 0m, 0m, null, null, 0));
        }

        return (features, groups);

        void Add(string group, int orders, decimal revenue, int recency, int? tenure, int products, double returnShare)
        {
            var last = Cutoff.AddDays(-recency);
            var first = Cutoff.AddDays(-(tenure ?? recency));
            features.Add(Features(++id, orders, revenue, Math.Round(revenue * (decimal)returnShare, 2), first, last, products));
            groups[id] = group;
        }
    }

    public static CustomerFeatures Features(int id, int orders, decimal revenue, decimal returns, DateTime? first, DateTime? last, int products) => new()
    {
        CustomerId = id,
        IsErased = false,
        Cutoff = Cutoff,
        Frequency = orders,
        PurchaseRevenue = revenue,
        ReturnAmount = returns,
        FirstPurchaseAt = first,
        LastPurchaseAt = last,
        OrdersLast30Days = 0,
        OrdersLast90Days = 0,
        DistinctProducts = products,
        TopCategories = [],
        PreferredWeekday = null,
        PreferredHour = null,
    };
}
