using System.Text.Json;
using Dashboard.Cli;

namespace Dashboard.Web.Tests.Cli;

/// <summary><c>dashboard analyze</c> through the real command tree: JSON from a file or stdin, JSON out, no database.</summary>
[Collection(ConsoleDefinition.Name)]
public sealed class AnalyzeCommandTests : IDisposable
{
    private const string Request = """
        {"metric":"mean","variants":[
          {"name":"control","n":400,"sum":3984.3352251657952,"sumSquares":43072.72599357432},
          {"name":"treatment","n":380,"sum":4196.179345159418,"sumSquares":52439.66882209096}]}
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"analyze-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task Analyze_PrintsTheAnalysis_FromAFile()
    {
        await File.WriteAllTextAsync(_file, Request);

        var (exit, output, errors) = await RunAsync(stdin: "", "analyze", "--input", _file);

        Assert.Equal(0, exit);
        Assert.Empty(errors);
        using var json = JsonDocument.Parse(output);
        var treatment = json.RootElement.GetProperty("variants")[1];

        // statsmodels CompareMeans(DescrStatsW(b), DescrStatsW(a)).ttest_ind(usevar='unequal') on the data of
        // WelchTTestTests (numpy.random.default_rng(20240601)) -> p 2.0441757712670225e-05.
        Assert.Equal(2.0441757712670225e-05, treatment.GetProperty("absolutePValue").GetDouble(), 1e-14);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("variants")[0].GetProperty("absolutePValue").ValueKind);
    }

    [Fact]
    public async Task Analyze_ReadsStandardInput_WhenInputIsADash()
    {
        var (exit, output, _) = await RunAsync(stdin: Request, "analyze", "--input", "-");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("treatment", json.RootElement.GetProperty("variants")[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Analyze_ExitsNonZeroWithTheApiMessage_WhenInputIsBad()
    {
        const string Bad = """{"metric":"mean","plannedSplit":[0.5,0.4],"variants":[{"name":"c","n":100,"sum":40,"sumSquares":10},{"name":"t","n":100,"sum":40,"sumSquares":30}]}""";

        var (exit, output, errors) = await RunAsync(stdin: Bad, "analyze", "--input", "-");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Equal(
            "error: variants[0].sumSquares: is smaller than sum²/n, which no data can give. plannedSplit: must add up to 1 (it adds up to 0.9).",
            errors.Trim());
    }

    [Fact]
    public async Task Analyze_ExitsNonZero_WhenTheFileIsMissing()
    {
        var (exit, _, errors) = await RunAsync(stdin: "", "analyze", "--input", _file);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
    }

    /// <summary>Runs the command line as <c>dashboard</c> would, with <paramref name="stdin"/> as its input.</summary>
    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string stdin, params string[] args)
    {
        var (input, stdout, stderr) = (Console.In, Console.Out, Console.Error);
        using var reader = new StringReader(stdin);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        try
        {
            Console.SetIn(reader);
            Console.SetOut(output);
            Console.SetError(errors);
            var exit = await DashboardCli.Create().Parse(args).InvokeAsync();
            return (exit, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetIn(input);
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
