namespace Dashboard.Core.Security;

/// <summary>The dashboard's roles. What each may do is decided in one place, the web app's policies.</summary>
public static class Roles
{
    /// <summary>Users, roles, API keys, the audit log and the job dashboard; everything else too.</summary>
    public const string Admin = "Admin";

    /// <summary>Designs, launches and exports campaigns; sees customers with contact details masked.</summary>
    public const string MarketingManager = "MarketingManager";

    /// <summary>Reviews customer profiles with their contact details and handles data-subject requests.</summary>
    public const string CrmStaff = "CrmStaff";

    /// <summary>Read-only, and never sees personal data.</summary>
    public const string Analyst = "Analyst";

    public static IReadOnlyList<string> All { get; } = [Admin, MarketingManager, CrmStaff, Analyst];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
