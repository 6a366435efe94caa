namespace Dashboard.Core.Security;

/// <summary>A machine client's key. Only a hash is stored; the prefix lets people tell keys apart.</summary>
public class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }

    /// <summary>Space-separated scopes, e.g. "events:write recommendations:read".</summary>
    public required string Scopes { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
