using System.Security.Claims;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Learning;
using Dashboard.Web.Customers;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks;

/// <summary>
/// The services the web host uses for one SQLite file: the same data registration, the pipeline with the Learning
/// clusterer (<c>AddLearning()</c>), the app's role policies, and the customer list as a signed-in member of staff sees it.
/// </summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="sqlLog">Where to collect the SQL executed; null (the default) logs none, as timed runs need.</param>
    /// <param name="configure">Changes to the services after the host's own (e.g. options), or null.</param>
    public BenchmarkHost(FileInfo database, SqlLog? sqlLog = null, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={database.FullName}", database.DirectoryName!);
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                    .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.Error);
                if (sqlLog is not null)
                {
                    logging.AddProvider(sqlLog).AddFilter<SqlLog>(SqlLog.Category, LogLevel.Information);
                }
            })
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddDashboardData(settings)
            .AddPipeline()
            .AddLearning();
        services.AddAuthorizationBuilder().AddStaffPolicies();

        // No settings: options bound to configuration (the recommenders', serving's) take their defaults.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public FileInfo Database { get; }

    public IServiceProvider Services => _services;

    public IDbContextFactory<DashboardDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The customer list service of the Customers page, for a member of staff with <paramref name="role"/>.</summary>
    public CustomerListService CustomerList(string role)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "benchmark@bench.example"), new Claim(ClaimTypes.Role, role)], "benchmark"));
        var staff = new CurrentStaff(new FixedAuthenticationState(user), Get<IAuthorizationService>());
        return new CustomerListService(Contexts, staff);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
