using Dashboard.Core.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>The real app (Program.cs) on its own data folder, with settings as a user would give them.</summary>
public sealed class DashboardAppFactory(string dataDirectory, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Dashboard.Web.App>
{
    public string DataDirectory { get; } = dataDirectory;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "dashboard-tests", $"app-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(DatabaseSettings.DataDirectoryKey, DataDirectory);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public static void DeleteDataDirectory(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Still open somewhere; the OS temp cleaner gets it.
        }
    }
}
