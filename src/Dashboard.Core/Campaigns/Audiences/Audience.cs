namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// A rule set that selects customers. A campaign owns a copy of its rules (so editing a saved audience never changes a
/// campaign already planned); <see cref="IsSaved"/> marks the named audiences managers keep to reuse.
/// </summary>
public class Audience
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }

    /// <summary>True for an audience in the saved library; false for a campaign's own copy.</summary>
    public bool IsSaved { get; set; }

    /// <summary>The rules as JSON (<see cref="AudienceRules"/>), so that richer rule trees need no schema change.</summary>
    public required string RulesJson { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
