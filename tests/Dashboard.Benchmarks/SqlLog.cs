using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks;

/// <summary>
/// Collects the SQL that EF Core executes (its "command executed" log), for <c>--sql</c>: which statements a list request
/// runs, to look at with <c>EXPLAIN QUERY PLAN</c>. Only a host made for it logs commands, so the timed runs never pay for it.
/// </summary>
public sealed partial class SqlLog : ILoggerProvider
{
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    private readonly ConcurrentQueue<string> _commands = new();

    /// <summary>The commands logged since the last call, oldest first.</summary>
    public IReadOnlyList<string> Drain()
    {
        var commands = new List<string>();
        while (_commands.TryDequeue(out var command))
        {
            commands.Add(command);
        }

        return commands;
    }

    /// <summary>
    /// The statements of <paramref name="commands"/> grouped by their text (parameters aside): how often each ran and the
    /// database time EF Core measured for them, largest first.
    /// </summary>
    public static IReadOnlyList<(string Statement, int Count, double Milliseconds)> Summarize(IEnumerable<string> commands) =>
        [.. commands
            .Select(c => (Match: Executed().Match(c), Text: c))
            .Where(c => c.Match.Success)
            .GroupBy(c => Shorten(c.Text[(c.Text.IndexOf('\n', StringComparison.Ordinal) + 1)..]), StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), g.Sum(c => double.Parse(c.Match.Groups[1].Value, CultureInfo.InvariantCulture))))
            .OrderByDescending(s => s.Item3)];

    public ILogger CreateLogger(string categoryName) => new CommandLogger(categoryName == Category ? _commands : null);

    public void Dispose()
    {
    }

    /// <summary>The statement on one line, at most 160 characters; a batch of inserts is named by its first one.</summary>
    private static string Shorten(string sql)
    {
        var line = Whitespace().Replace(sql, " ").Trim();
        return line.Length <= 160 ? line : line[..157] + "...";
    }

    [GeneratedRegex(@"^Executed DbCommand \((\d+)ms\)")]
    private static partial Regex Executed();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class CommandLogger(ConcurrentQueue<string>? commands) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => commands is not null && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // 20101 is RelationalEventId.CommandExecuted: the statement, its parameters and how long it took.
            if (commands is not null && eventId.Id == 20101)
            {
                commands.Enqueue(formatter(state, exception));
            }
        }
    }
}
