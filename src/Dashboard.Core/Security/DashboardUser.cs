using Microsoft.AspNetCore.Identity;

namespace Dashboard.Core.Security;

/// <summary>A person who signs in to the dashboard (staff, not a shop customer).</summary>
public class DashboardUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}
