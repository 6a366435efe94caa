namespace Dashboard.Core.Experiments.Analysis;

/// <summary>What is wrong with one field of a request, e.g. <c>variants[1].sumSquares</c>, in a plain sentence.</summary>
public sealed record AnalysisProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>A request the analysis cannot run on; the message lists every problem, each naming its field, as the API and CLI report them.</summary>
public sealed class InvalidAnalysisRequestException : ArgumentException
{
    public InvalidAnalysisRequestException(IReadOnlyList<AnalysisProblem> problems)
        : base(string.Join(" ", problems ?? throw new ArgumentNullException(nameof(problems))))
    {
        Problems = problems;
    }

    public InvalidAnalysisRequestException()
        : this([])
    {
    }

    public InvalidAnalysisRequestException(string message)
        : this([new AnalysisProblem("$", message)])
    {
    }

    public InvalidAnalysisRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new AnalysisProblem("$", message)];
    }

    public IReadOnlyList<AnalysisProblem> Problems { get; }
}
