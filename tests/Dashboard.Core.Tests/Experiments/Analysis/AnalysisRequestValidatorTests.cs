using Dashboard.Core.Experiments.Analysis;

namespace Dashboard.Core.Tests.Experiments.Analysis;

public class AnalysisRequestValidatorTests
{
    private const string Control = """{"name":"control","n":100,"sum":40,"sumSquares":30}""";

    [Theory]
    [InlineData("""{"metric":"median","variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30}]}""", "metric", "must be \"mean\" or \"proportion\".")]
    [InlineData("""{"metric":"mean","variants":[CONTROL]}""", "variants", "needs at least two variants, the first being the control.")]
    [InlineData("""{"metric":"mean","variants":[CONTROL,{"name":"t","n":-5,"sum":40,"sumSquares":30}]}""", "variants[1].n", "is negative.")]
    [InlineData("""{"metric":"mean","variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":15.9}]}""", "variants[1].sumSquares", "is smaller than sum²/n, which no data can give.")]
    [InlineData("""{"metric":"mean","variants":[CONTROL,{"name":"t","n":100,"sum":40}]}""", "variants[1].sumSquares", "is required for a mean metric.")]
    [InlineData("""{"metric":"mean","variants":[CONTROL,{"name":"control","n":100,"sum":40,"sumSquares":30}]}""", "variants[1].name", "is used by an earlier variant; names must be unique.")]
    [InlineData("""{"metric":"proportion","variants":[{"name":"c","n":100,"conversions":5},{"name":"t","n":100,"conversions":101}]}""", "variants[1].conversions", "is larger than n (100).")]
    [InlineData("""{"metric":"proportion","variants":[{"name":"c","n":100,"conversions":5},{"name":"t","n":100,"conversions":-1}]}""", "variants[1].conversions", "is negative.")]
    [InlineData("""{"metric":"mean","plannedSplit":[0.5,0.4],"variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30}]}""", "plannedSplit", "must add up to 1 (it adds up to 0.9).")]
    [InlineData("""{"metric":"mean","plannedSplit":[1],"variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30}]}""", "plannedSplit", "has 1 shares for 2 variants.")]
    [InlineData("""{"metric":"mean","plannedSplit":[1.2,-0.2],"variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30}]}""", "plannedSplit[0]", "must lie strictly between 0 and 1.")]
    [InlineData("""{"metric":"mean","alpha":1.5,"variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30}]}""", "alpha", "must lie strictly between 0 and 1.")]
    [InlineData("""{"metric":"mean","sequentialTuning":0,"variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30}]}""", "sequentialTuning", "must be a positive sample size.")]
    [InlineData("""{"metric":"mean","prior":{"mean":0,"variance":0},"variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30}]}""", "prior.variance", "must be positive (omit the prior for a flat one).")]
    [InlineData("""{"metric":"mean","variants":[CONTROL,{"name":"t","n":100,"sum":40,"sumSquares":30,"preSum":10,"preSumSquares":5}]}""", "variants[0].preSum", "is required: pre-period sums (CUPED) are given for every variant or for none.")]
    [InlineData("""{"metric":"mean","variants":[{"name":"c","n":100,"sum":40,"sumSquares":30,"preSum":10,"preSumSquares":5,"preCrossSum":9},{"name":"t","n":100,"sum":40,"sumSquares":30,"preSum":10,"preSumSquares":5,"preCrossSum":40}]}""", "variants[1].preCrossSum", "is impossible with these sums and sums of squares: it implies a correlation beyond ±1.")]
    [InlineData("""{"metric":"proportion","variants":[{"name":"c","n":100,"conversions":5},{"name":"t","n":100,"conversions":5,"sum":5}]}""", "variants[1].sum", "applies to mean metrics only; a proportion metric gives conversions.")]
    public void Validate_NamesTheField(string json, string field, string message)
    {
        var (request, readProblem) = AnalysisJson.Read(json.Replace("CONTROL", Control, StringComparison.Ordinal));
        Assert.Null(readProblem);

        var problems = AnalysisRequestValidator.Validate(request!);

        Assert.Contains(new AnalysisProblem(field, message), problems);
    }

    [Fact]
    public void Validate_AcceptsAValidRequest_AndSumsOfSquaresAtTheirBound()
    {
        // A constant metric: sumSquares equals sum²/n exactly, which data can give.
        var (request, _) = AnalysisJson.Read("""{"metric":"mean","variants":[{"name":"c","n":4,"sum":8,"sumSquares":16},{"name":"t","n":3,"sum":0.3,"sumSquares":0.03}]}""");

        Assert.Empty(AnalysisRequestValidator.Validate(request!));
    }

    [Theory]
    [InlineData("""{"metric":"mean","variants":[{"name":"c","n":10.5}]}""", "variants[0].n")]
    [InlineData("""{"metric":"mean","alpha":"often"}""", "alpha")]
    [InlineData("""[1, 2]""", "$")]
    [InlineData("""{"metric":""", "metric")]
    public void Read_NamesTheField_WhenTheJsonCannotBeRead(string json, string field)
    {
        var (request, problem) = AnalysisJson.Read(json);

        Assert.Null(request);
        Assert.Equal(field, problem!.Field);
    }
}
