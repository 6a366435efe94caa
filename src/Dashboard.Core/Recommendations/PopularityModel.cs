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

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static PopularityModel FromBytes(byte[] bytes) =>
        JsonSerializer.Deserialize<PopularityModel>(bytes, Json)
        ?? throw new InvalidDataException("The popularity artifact is empty.");
}
