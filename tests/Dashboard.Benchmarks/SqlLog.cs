using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks;

/// <summary>
/// Collects the SQL that EF Core executes (its "command executed" log), for <c>--sql</c>: which statements a list request
/// runs, to look at with <c>EXPLAIN QUERY PLAN</c>. Only a host made for it logs commands, so the timed runs never pay for it.
/// </summary>
public sealed class SqlLog : ILoggerProvider
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

    public ILogger CreateLogger(string categoryName) => new CommandLogger(categoryName == Category ? _commands : null);

    public void Dispose()
    {
    }

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
