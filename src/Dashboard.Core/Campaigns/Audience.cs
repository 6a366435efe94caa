namespace Dashboard.Core.Campaigns;

/// <summary>A saved, reusable rule set that selects customers.</summary>
public class Audience
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The rules as JSON (<see cref="AudienceRules"/>), so that richer rule trees need no schema change.</summary>
    public required string RulesJson { get; set; }

    public DateTime CreatedAt { get; set; }
}
