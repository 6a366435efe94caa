using Dashboard.Core.Security;

namespace Dashboard.Web.Security;

/// <summary>One account per role for the demo shop. Their passwords are public on purpose: they are listed on the sign-in page in demo mode.</summary>
public static class DemoUsers
{
    public const string Password = "demo-password-2026";

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("admin@demo.example", "Ada Admin", Roles.Admin),
        new("marketing@demo.example", "Max Marketing", Roles.MarketingManager),
        new("crm@demo.example", "Carla CRM", Roles.CrmStaff),
        new("analyst@demo.example", "Ana Analyst", Roles.Analyst),
    ];
}

public sealed record DemoUser(string Email, string DisplayName, string Role);
