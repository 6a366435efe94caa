using System.CommandLine;
using Dashboard.Cli.Commands;
using Spectre.Console;

namespace Dashboard.Cli;

/// <summary>The command tree. Each command lives in its own file under Commands/.</summary>
public static class DashboardCli
{
    /// <summary>Tables written to a file or a pipe get this many columns, instead of the 80 Spectre assumes without a terminal (model names and numbers wrapped).</summary>
    public const int RedirectedWidth = 160;

    public static RootCommand Create()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = RedirectedWidth;
        }

        var root = new RootCommand("Campaign dashboard pipeline from the shell: migrate, seed demo data, import files, build profiles, run the pipeline, create the first admin, analyze an A/B test, evaluate, train and query the recommenders.");
        root.Add(GlobalOptions.Database);
        root.Add(GlobalOptions.Json);
        root.Add(MigrateCommand.Create());
        root.Add(SeedDemoCommand.Create());
        root.Add(ProfileCommand.Create());
        root.Add(RunPipelineCommand.Create());
        root.Add(ImportCommand.Create());
        root.Add(CreateAdminCommand.Create());
        root.Add(AnalyzeCommand.Create());
        root.Add(EvaluateCommand.Create());
        root.Add(TrainCommand.Create());
        root.Add(RecommendCommand.Create());
        return root;
    }
}
