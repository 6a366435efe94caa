using System.Globalization;
using System.CommandLine;
using Dashboard.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

public static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create the database or bring it up to date.");
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            var settings = services.GetRequiredService<DatabaseSettings>();
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            if (json)
            {
                CliHost.WriteJson(new { provider = settings.Provider.ToString(), applied });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Database ({settings.Provider}) is up to date[/]: {applied.Count} migration(s) applied.");
            }

            return 0;
        }, ct));
        return command;
    }
}
