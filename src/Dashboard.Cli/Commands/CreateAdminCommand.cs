using System.CommandLine;
using System.Globalization;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

/// <summary>
/// Creates an admin account, typically the first one. The password is typed at a hidden prompt or piped on
/// stdin (<c>--password-stdin</c>), never given as an argument, where it would end up in shell history and `ps`.
/// </summary>
public static class CreateAdminCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The admin's e-mail; it is also the sign-in name.", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name shown in the app bar and the audit log." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var command = new Command("create-admin", "Create a user with the Admin role (e.g. the first admin of a new installation).")
        {
            email, name, passwordStdin,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            var password = parse.GetValue(passwordStdin) ? await Console.In.ReadLineAsync(token) : PromptPassword();
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("error: no password given (type it at the prompt, or pipe it with --password-stdin)");
                return 2;
            }

            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            var result = await accounts.CreateAsync(parse.GetValue(email)!, parse.GetValue(name), password, [Roles.Admin], actor: "cli");
            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync($"error: {string.Join(" ", result.Errors)}");
                return 1;
            }

            if (json)
            {
                CliHost.WriteJson(new { userId = result.UserId, email = parse.GetValue(email), role = Roles.Admin });
            }
            else
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Admin created[/]: {parse.GetValue(email)} can now sign in.");
            }

            return 0;
        }, ct));
        return command;
    }

    private static string? PromptPassword()
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        var first = AnsiConsole.Prompt(new TextPrompt<string>($"Password (at least {StaffIdentity.MinimumPasswordLength} characters, a letter and a digit):").Secret());
        var second = AnsiConsole.Prompt(new TextPrompt<string>("Repeat the password:").Secret());
        if (!string.Equals(first, second, StringComparison.Ordinal))
        {
            AnsiConsole.MarkupLine("[red]The passwords differ.[/]");
            return null;
        }

        return first;
    }
}
