using System.CommandLine;
using Dashboard.Cli.Commands;

namespace Dashboard.Cli;

/// <summary>The command tree. Each command lives in its own file under Commands/.</summary>
public static class DashboardCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Campaign dashboard pipeline from the shell: migrate, seed demo data, import files, build profiles, run the pipeline, create the first admin, analyze an A/B test, evaluate the recommenders.");
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
        return root;
    }
}
