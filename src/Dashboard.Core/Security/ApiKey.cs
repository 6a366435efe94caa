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

    /// <summary>Requests allowed per minute for this key; beyond it the API answers 429.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>The user name of the admin who created the key.</summary>
    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
