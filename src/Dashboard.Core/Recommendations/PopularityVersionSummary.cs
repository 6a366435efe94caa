using System.Text.Json;

namespace Dashboard.Core.Recommendations;

/// <summary>A trained popularity version as a picker lists it: when it was trained, and what its training measured.</summary>
/// <param name="Metrics">The numbers of the version's metrics, in the order training wrote them (e.g. products, categories).</param>
public sealed record PopularityVersionSummary(
    int Id,
    DateTime TrainedAt,
    bool IsChampion,
    IReadOnlyList<KeyValuePair<string, double>> Metrics)
{
    /// <summary>The top-level numbers of a version's metrics JSON; anything else (nested evaluations, text) is left out.</summary>
    internal static IReadOnlyList<KeyValuePair<string, double>> ReadMetrics(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number)
                .Select(p => KeyValuePair.Create(p.Name, p.Value.GetDouble()))
                .ToList();
    }
}
