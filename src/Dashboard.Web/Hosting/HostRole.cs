using Dashboard.Core.Persistence;

namespace Dashboard.Web.Hosting;

/// <summary>One image, several roles: the UI, the Hangfire server, or both (default).</summary>
public enum HostRole
{
    All,
    Web,
    Worker,
}

public static class HostRoles
{
    public const string Key = "Host:Role";

    public static HostRole Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return HostRole.All;
        }

        return Enum.TryParse<HostRole>(text.Trim(), ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new DashboardConfigurationException($"{Key} is '{text}'; use 'web', 'worker' or 'all' (environment variable Host__Role).");
    }

    public static bool ServesUi(this HostRole role) => role is HostRole.All or HostRole.Web;

    public static bool ProcessesJobs(this HostRole role) => role is HostRole.All or HostRole.Worker;
}
