namespace Dashboard.Core.Security;

/// <summary>Who did what to which customer or campaign, and when.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Details { get; set; }
}
