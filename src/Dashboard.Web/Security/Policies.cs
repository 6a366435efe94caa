using Dashboard.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Web.Security;

/// <summary>
/// What each role may do, decided here and nowhere else: pages and endpoints name a policy, never a role.
/// </summary>
public static class Policies
{
    /// <summary>Any member of staff with a role: the default for every page and endpoint.</summary>
    public const string Staff = nameof(Staff);

    /// <summary>Names, e-mails and phone numbers unmasked (a profile view is audited).</summary>
    public const string ViewPersonalData = nameof(ViewPersonalData);

    /// <summary>Create, launch, complete and cancel campaigns; run demo simulations.</summary>
    public const string ManageCampaigns = nameof(ManageCampaigns);

    /// <summary>Download lists that contain contact details (audited).</summary>
    public const string ExportContactLists = nameof(ExportContactLists);

    /// <summary>GDPR requests: export everything about one customer, or erase them (audited).</summary>
    public const string HandleDataRequests = nameof(HandleDataRequests);

    /// <summary>Import files (customers, products, orders, events, Online Retail exports) into the shop's data.</summary>
    public const string ImportData = nameof(ImportData);

    /// <summary>Start pipeline runs and other jobs on demand.</summary>
    public const string RunJobs = nameof(RunJobs);

    /// <summary>Users and roles, API keys, the audit log and the Hangfire dashboard.</summary>
    public const string Administer = nameof(Administer);

    /// <summary>The roles behind each policy; tests read this table to check every role against every page.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesFor { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Staff] = [.. Roles.All],
        [ViewPersonalData] = [Roles.Admin, Roles.CrmStaff],
        [ManageCampaigns] = [Roles.Admin, Roles.MarketingManager],
        [ExportContactLists] = [Roles.Admin, Roles.MarketingManager],
        [HandleDataRequests] = [Roles.Admin, Roles.CrmStaff],
        [RunJobs] = [Roles.Admin, Roles.MarketingManager],
        [ImportData] = [Roles.Admin],
        [Administer] = [Roles.Admin],
    };

    public static AuthorizationBuilder AddStaffPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (policy, roles) in RolesFor)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }
}
