using Dashboard.Core.Persistence;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Core.Tests.Persistence;

public class DatabaseSettingsTests
{
    [Fact]
    public void Resolve_DefaultsToSqliteFileInDataDirectory_WhenNothingIsSet()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));

        var settings = DatabaseSettings.Resolve(Config(("Database:DataDirectory", dir)));

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine(dir, "dashboard.db")}", settings.ConnectionString);
        Assert.True(Directory.Exists(dir));
        Directory.Delete(dir);
    }

    [Fact]
    public void Resolve_BindsSqlServerMode_FromEnvironmentStyleKeys()
    {
        var settings = DatabaseSettings.Resolve(Config(
            ("Database:Provider", "sqlserver"),
            ("ConnectionStrings:Dashboard", "Server=sqlserver;Database=Dashboard;User Id=sa;Password=x;TrustServerCertificate=true")));

        Assert.Equal(DatabaseProvider.SqlServer, settings.Provider);
        Assert.StartsWith("Server=sqlserver", settings.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NamesTheSetting_WhenProviderIsUnknown()
    {
        var error = Assert.Throws<DashboardConfigurationException>(() => DatabaseSettings.Resolve(Config(("Database:Provider", "Mongo"))));

        Assert.Contains("Database:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mongo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NamesTheSetting_WhenSqlServerHasNoConnectionString()
    {
        var error = Assert.Throws<DashboardConfigurationException>(() => DatabaseSettings.Resolve(Config(("Database:Provider", "SqlServer"))));

        Assert.Contains("ConnectionStrings:Dashboard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NamesTheSetting_WhenDataDirectoryIsNotWritable()
    {
        // A path below a regular file can never be created, whoever runs the test (root included).
        var file = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<DashboardConfigurationException>(() =>
                DatabaseSettings.Resolve(Config(("Database:DataDirectory", Path.Combine(file, "data")))));

            Assert.Contains("Database:DataDirectory", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
