using System.Text.Json;

namespace Dashboard.Core.Experiments.Analysis;

/// <summary>
/// Reads and writes the analysis contract with System.Text.Json's web defaults, shared by the API and the CLI so that
/// both accept the same documents and report malformed ones the same way, naming the field.
/// </summary>
public static class AnalysisJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The request in <paramref name="json"/>, or the problem that stops it from being read.</summary>
    public static (ExperimentAnalysisRequest? Request, AnalysisProblem? Problem) Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ExperimentAnalysisRequest>(json, Options) is { } request
                ? (request, null)
                : (null, new AnalysisProblem("$", "must be a JSON object."));
        }
        catch (JsonException ex)
        {
            // The reader's path ("$.variants[0].n") names the field; its message adds .NET type names a caller cannot use.
            var field = ex.Path is null or "$" ? "$" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
            return (null, new AnalysisProblem(field, "is not valid JSON or has the wrong type (counts are whole numbers, sums are numbers)."));
        }
    }

    public static string Write(ExperimentAnalysis analysis) => JsonSerializer.Serialize(analysis, Options);
}
