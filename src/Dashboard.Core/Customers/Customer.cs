namespace Dashboard.Core.Customers;

/// <summary>A shopper known to the shop. Personal fields are nullable because erasure (GDPR) clears them.</summary>
public class Customer
{
    public int Id { get; set; }

    /// <summary>The shop's own identifier (natural key for imports and the events API).</summary>
    public required string ExternalId { get; set; }

    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public required string Country { get; set; }

    /// <summary>When the customer first appeared (sign-up or first order), UTC.</summary>
    public DateTime CreatedAt { get; set; }

    public bool EmailOptIn { get; set; }
    public bool PushOptIn { get; set; }
    public bool AdsOptIn { get; set; }

    /// <summary>Set when personal data was erased on request; erased customers never enter an audience.</summary>
    public DateTime? ErasedAt { get; set; }

    public string DisplayName => ErasedAt is not null ? "(erased)" : $"{FirstName} {LastName}".Trim();
}
