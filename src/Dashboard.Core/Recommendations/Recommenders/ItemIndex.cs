namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// The catalogue a recommender ranks, as dense indices 0..<see cref="Count"/>-1 (embedding rows, score vectors), in
/// product id order so that the same products always get the same indices.
/// </summary>
public sealed class ItemIndex
{
    private readonly int[] _productIds;
    private readonly Dictionary<int, int> _indices;

    public ItemIndex(IEnumerable<int> productIds)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        _productIds = [.. productIds.Distinct().Order()];
        _indices = _productIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
    }

    public int Count => _productIds.Length;

    public IReadOnlyList<int> ProductIds => _productIds;

    public int ProductIdAt(int index) => _productIds[index];

    public bool TryGetIndex(int productId, out int index) => _indices.TryGetValue(productId, out index);
}
