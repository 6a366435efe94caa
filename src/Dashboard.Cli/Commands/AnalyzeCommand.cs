using System.CommandLine;
using Dashboard.Core.Experiments.Analysis;

namespace Dashboard.Cli.Commands;

/// <summary>
/// <c>analyze --input FILE|-</c>: the A/B statistics engine on per-arm aggregates, JSON in and JSON out, the same contract
/// as <c>POST /api/experiments/analyze</c>. It needs no database, so it runs outside <see cref="CliHost"/>; bad input
/// exits with 1 and the API's message, each problem naming its field.
/// </summary>
public static class AnalyzeCommand
{
    public const string StandardInput = "-";

    public static Command Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "The analysis request: a JSON file, or - to read it from standard input.",
            Required = true,
        };
        var command = new Command("analyze", "Analyze an A/B test from per-arm aggregates (n, sums or conversions) and print the result as JSON; no database needed.")
        {
            input,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(input)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(string input, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = input == StandardInput ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(input, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }

        var (request, unreadable) = AnalysisJson.Read(json);
        var problems = unreadable is not null ? [unreadable] : AnalysisRequestValidator.Validate(request!);
        if (problems.Count > 0)
        {
            await Console.Error.WriteLineAsync($"error: {string.Join(" ", problems)}");
            return 1;
        }

        await Console.Out.WriteLineAsync(AnalysisJson.Write(ExperimentAnalyzer.Analyze(request!)));
        return 0;
    }
}
