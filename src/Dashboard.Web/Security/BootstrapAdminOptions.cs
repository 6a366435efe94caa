namespace Dashboard.Web.Security;

/// <summary>
/// The first admin, from configuration (section "Admin", e.g. <c>Admin__Email</c> and <c>Admin__Password</c> in the
/// environment). Created at start-up when no user with that e-mail exists; never logged.
/// </summary>
public sealed class BootstrapAdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
}
