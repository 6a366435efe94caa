using Microsoft.Extensions.Configuration;

namespace Dashboard.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Where the data lives, resolved once from configuration. Every mistake is reported as one
/// <see cref="DashboardConfigurationException"/> that names the setting to fix.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string ProviderKey = "Database:Provider";
    public const string DataDirectoryKey = "Database:DataDirectory";
    public const string ConnectionStringKey = "ConnectionStrings:Dashboard";

    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "MarketingDashboard");

    /// <summary>Embedded mode keeps Hangfire's queue in its own SQLite file beside the data.</summary>
    public string HangfireSqlitePath => Path.Combine(DataDirectory, "hangfire.db");

    public static DatabaseSettings Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration[ProviderKey];
        var provider = string.IsNullOrWhiteSpace(providerText) ? DatabaseProvider.Sqlite : ParseProvider(providerText);
        var connectionString = configuration[ConnectionStringKey];
        var dataDirectory = configuration[DataDirectoryKey];
        dataDirectory = string.IsNullOrWhiteSpace(dataDirectory) ? DefaultDataDirectory : Path.GetFullPath(dataDirectory);

        if (provider == DatabaseProvider.SqlServer)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new DashboardConfigurationException(
                    $"{ConnectionStringKey} is required when {ProviderKey} is SqlServer " +
                    "(environment variable ConnectionStrings__Dashboard).");
            }

            return new DatabaseSettings(provider, connectionString, dataDirectory);
        }

        EnsureWritable(dataDirectory);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(dataDirectory, "dashboard.db")}";
        }

        return new DatabaseSettings(provider, connectionString, dataDirectory);
    }

    private static DatabaseProvider ParseProvider(string text) =>
        Enum.TryParse<DatabaseProvider>(text.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new DashboardConfigurationException(
                $"{ProviderKey} is '{text}', which is not a known provider; use 'Sqlite' or 'SqlServer'.");

    private static void EnsureWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new DashboardConfigurationException(
                $"{DataDirectoryKey} '{directory}' is not a writable folder ({ex.Message}); " +
                "set it to a folder the app may write (environment variable Database__DataDirectory).", ex);
        }
    }
}
