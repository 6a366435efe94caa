using System.CommandLine;
using System.Text.Json;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Security;
using Dashboard.Learning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Dashboard.Cli;

/// <summary>
/// Builds the same services as the web host from the same configuration keys (appsettings.json beside the
/// binary, environment variables such as <c>Database__Provider</c>), plus the <c>--db</c> shortcut, and
/// turns failures into one clear line on stderr and a non-zero exit code.
/// </summary>
public static class CliHost
{
    public static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, bool, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(body);
        var json = parse.GetValue(GlobalOptions.Json);
        try
        {
            var configuration = BuildConfiguration(parse.GetValue(GlobalOptions.Database));
            var settings = DatabaseSettings.Resolve(configuration);
            var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                    .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error))
                .AddDashboardData(settings)
                .AddPipeline()
                .AddLearning();
            services.AddStaffIdentity();
            await using var provider = services.BuildServiceProvider();
            return await body(provider, json, cancellationToken);
        }
        catch (DashboardConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or Microsoft.Data.Sqlite.SqliteException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonOutput));

    /// <summary>Runs work under a Spectre progress display, or silently when JSON output is asked for.</summary>
    public static async Task<T> WithProgressAsync<T>(bool json, string title, Func<Action<string, double>, Task<T>> work)
    {
        if (json || Console.IsOutputRedirected)
        {
            return await work((_, _) => { });
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, maxValue: 1);
                var result = await work((stage, fraction) =>
                {
                    task.Description = $"{title}: {stage}";
                    task.Value = Math.Clamp(fraction, 0, 1);
                });
                task.Value = 1;
                return result;
            });
    }

    private static IConfiguration BuildConfiguration(FileInfo? database)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        if (database is not null)
        {
            builder.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [DatabaseSettings.ProviderKey] = nameof(DatabaseProvider.Sqlite),
                [DatabaseSettings.ConnectionStringKey] = $"Data Source={database.FullName}",
                [DatabaseSettings.DataDirectoryKey] = database.DirectoryName,
            });
        }

        return builder.Build();
    }
}
