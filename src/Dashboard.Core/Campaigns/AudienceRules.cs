using System.Text.Json;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// Who a campaign targets. Empty lists mean "any". Erased customers are always excluded; customers
/// without consent for the campaign's channel are excluded when <see cref="RequireConsent"/> is set.
/// </summary>
public sealed record AudienceRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<string> Segments { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public bool RequireConsent { get; init; } = true;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AudienceRules FromJson(string json) =>
        JsonSerializer.Deserialize<AudienceRules>(json, Json) ?? new AudienceRules();
}
