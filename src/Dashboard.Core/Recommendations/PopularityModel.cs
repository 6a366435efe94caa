using System.Text.Json;

namespace Dashboard.Core.Recommendations;

public readonly record struct ScoredProduct(int ProductId, double Score);

/// <summary>
/// The trained popularity model: best-sellers over a recent window, overall and per category.
/// Serialised as the artifact of a <see cref="Models.ModelVersion"/> so that any worker can load it.
/// </summary>
public sealed record PopularityModel(
    DateTime WindowStart,
    DateTime WindowEnd,
    IReadOnlyList<ScoredProduct> Global,
    IReadOnlyDictionary<string, IReadOnlyList<ScoredProduct>> ByCategory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The same model over only <paramref name="productIds"/> (e.g. the products an offer's discount applies to), so that
    /// rankings fill their top-N with those. The overall list is rebuilt from the overall and per-category lists, because
    /// an eligible product may rank in its category without making the overall top; both score by orders, so they merge.
    /// </summary>
    public PopularityModel Only(IReadOnlySet<int> productIds)
    {
        ArgumentNullException.ThrowIfNull(productIds);
        var byCategory = ByCategory
            .Select(c => (c.Key, Products: c.Value.Where(p => productIds.Contains(p.ProductId)).ToList()))
            .Where(c => c.Products.Count > 0)
            .ToDictionary(c => c.Key, c => (IReadOnlyList<ScoredProduct>)c.Products);
        var global = Global.Concat(byCategory.Values.SelectMany(products => products))
            .Where(p => productIds.Contains(p.ProductId))
            .DistinctBy(p => p.ProductId)
            .OrderByDescending(p => p.Score).ThenBy(p => p.ProductId)
            .ToList();
        return this with { Global = global, ByCategory = byCategory };
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static PopularityModel FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<PopularityModel>(bytes, Json)
        ?? throw new InvalidDataException("The popularity artifact is empty.");
}
