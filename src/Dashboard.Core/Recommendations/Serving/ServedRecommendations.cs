namespace Dashboard.Core.Recommendations.Serving;

/// <summary>One recommended product with the reason a marketer (and the customer) can read.</summary>
public sealed record ServedItem(int ProductId, string Sku, string Name, string Category, double Score, string Reason);

/// <summary>
/// A customer's recommendations and where they came from: the champion's version and family, or the popularity
/// fallback (<see cref="Fallback"/> says why). <see cref="Found"/> is false for an unknown or erased customer.
/// </summary>
public sealed record ServedRecommendations(bool Found, IReadOnlyList<ServedItem> Items, int? ModelVersion, string Family, string? Fallback)
{
    public static ServedRecommendations Unknown { get; } = new(false, [], null, ServingModel.PopularityFamily, null);
}
