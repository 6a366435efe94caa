using System.CommandLine;

namespace Dashboard.Cli;

public static class GlobalOptions
{
    /// <summary>A shortcut for a SQLite file; otherwise the same settings as the web app apply.</summary>
    public static Option<FileInfo?> Database { get; } = new("--db")
    {
        Description = "SQLite database file to use (overrides Database:Provider and ConnectionStrings:Dashboard).",
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON for scripts instead of tables and progress bars.",
        Recursive = true,
    };
}
