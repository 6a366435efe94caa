using Dashboard.Cli;
using Spectre.Console;

namespace Dashboard.Web.Tests.Cli;

/// <summary>Runs the command line as <c>dashboard</c> would, output and errors together, on a console wide enough for whole tables.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var (stdout, stderr, ansi) = (Console.Out, Console.Error, AnsiConsole.Console);
        using var output = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(output);
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            });
            console.Profile.Width = 200;
            AnsiConsole.Console = console;
            var exit = await DashboardCli.Create().Parse(args).InvokeAsync();
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            AnsiConsole.Console = ansi;
        }
    }
}
