using System.Text.Json;
using Dashboard.Core.Experiments.Analysis;

namespace Dashboard.Core.Tests.Experiments.Analysis;

public class ExperimentAnalyzerTests
{
    private const string ProportionRequest = """
        {
          "metric": "proportion",
          "variants": [
            { "name": "control", "n": 4000, "conversions": 200 },
            { "name": "best-sellers", "n": 4100, "conversions": 248 },
            { "name": "personalized", "n": 3900, "conversions": 214 }
          ]
        }
        """;

    [Fact]
    public void Analyze_WritesTheDocumentedContract_WithNullEffectsOnTheControl()
    {
        var json = Write(Analyze(ProportionRequest));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["srmPValue", "variants", "warnings", "cupedTheta"], root.EnumerateObject().Select(p => p.Name));
        var control = root.GetProperty("variants")[0];
        Assert.Equal("control", control.GetProperty("name").GetString());
        Assert.Equal(0.05, control.GetProperty("mean").GetDouble(), 1e-15);
        string[] effectFields =
        [
            "absoluteEffect", "absoluteCi", "absolutePValue", "relativeLift", "relativeCi", "relativePValue",
            "chanceToWin", "risk", "adjustedPValue", "bhAdjustedPValue", "zTestPValue", "verdict",
        ];
        Assert.All(effectFields, field => Assert.Equal(JsonValueKind.Null, control.GetProperty(field).ValueKind));
        var treatment = root.GetProperty("variants")[1];
        Assert.All(effectFields, field => Assert.NotEqual(JsonValueKind.Null, treatment.GetProperty(field).ValueKind));
        Assert.Equal(2, treatment.GetProperty("absoluteCi").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Analyze_MatchesReferenceValues_ForThreeProportionArms()
    {
        var result = Analyze(ProportionRequest);

        // No plannedSplit: equal shares. scipy.stats.chisquare([4000, 4100, 3900], f_exp=[4000, 4000, 4000]).pvalue -> 0.0820849986238988.
        Assert.Equal(0.0820849986238988, result.SrmPValue, 1e-9);
        var (first, second) = (result.Variants[1], result.Variants[2]);

        // Welch with p(1-p) variances, by hand with scipy: se = sqrt(p0 q0 / n0 + p1 q1 / n1), df by Welch-Satterthwaite,
        // p = 2 * scipy.stats.t.sf(|d| / se, df) -> 0.038731999021582246 and 0.3315723740913904;
        // d -/+ scipy.stats.t.ppf(0.975, df) * se -> (0.0005433357750692612, 0.02043227398102829).
        Assert.Equal(248 / 4100.0 - 0.05, first.AbsoluteEffect!.Value, 1e-15);
        Assert.Equal(0.038731999021582246, first.AbsolutePValue!.Value, 1e-10);
        Assert.Equal(0.3315723740913904, second.AbsolutePValue!.Value, 1e-10);
        Assert.Equal(0.0005433357750692612, first.AbsoluteCi![0], 1e-12);
        Assert.Equal(0.02043227398102829, first.AbsoluteCi[1], 1e-12);

        // statsmodels.stats.proportion.proportions_ztest([248, 200], [4100, 4000]) -> p 0.038966886233042564;
        // proportions_ztest([214, 200], [3900, 4000]) -> p 0.33130274692871287.
        Assert.Equal(0.038966886233042564, first.ZTestPValue!.Value, 1e-10);
        Assert.Equal(0.33130274692871287, second.ZTestPValue!.Value, 1e-10);

        // statsmodels.stats.multitest.multipletests([0.038731999021582246, 0.3315723740913904], method='holm')[1]
        // -> [0.07746399804316449, 0.3315723740913904]: neither survives, so no verdict is reached.
        Assert.Equal(0.07746399804316449, first.AdjustedPValue!.Value, 1e-10);
        Assert.Equal(0.3315723740913904, second.AdjustedPValue!.Value, 1e-10);
        Assert.Equal(ExperimentAnalyzer.Inconclusive, first.Verdict);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Analyze_AppliesTheDocumentedDefaults_WhenOptionalFieldsAreOmitted()
    {
        const string Minimal = """{"metric":"mean","variants":[{"name":"a","n":400,"sum":3984.3352251657952,"sumSquares":43072.72599357432},{"name":"b","n":380,"sum":4196.179345159418,"sumSquares":52439.66882209096}]}""";
        var (request, problem) = AnalysisJson.Read(Minimal);

        Assert.Null(problem);
        Assert.Equal(0.05, request!.Alpha);
        Assert.False(request.Sequential);
        Assert.Equal(5000, request.SequentialTuning);
        Assert.Null(request.Prior);
        Assert.Null(request.PlannedSplit);

        // Welch against statsmodels (see WelchTTestTests): p 2.0441757712670225e-05, ci (0.5866318742486916, 1.5768464481297644).
        var treatment = ExperimentAnalyzer.Analyze(request).Variants[1];
        Assert.Equal(2.0441757712670225e-05, treatment.AbsolutePValue!.Value, 1e-14);
        Assert.Equal(0.5866318742486916, treatment.AbsoluteCi![0], 1e-9);
        Assert.Equal(ExperimentAnalyzer.Better, treatment.Verdict);
    }

    [Fact]
    public void Analyze_ReportsAlwaysValidFigures_WhenSequential()
    {
        const string Sequential = """{"metric":"mean","sequential":true,"sequentialTuning":500,"variants":[{"name":"a","n":400,"sum":3984.3352251657952,"sumSquares":43072.72599357432},{"name":"b","n":380,"sum":4196.179345159418,"sumSquares":52439.66882209096}]}""";

        var treatment = Analyze(Sequential).Variants[1];

        // The confidence-sequence formulas by hand (see ConfidenceSequenceTests), N = 780, tuning 500:
        // absolute (0.31361426782951807, 1.8498640545489664), p 0.0007343416208360149;
        // relative (0.028593627360149754, 0.1886047959766776), p 0.0013436483319994462.
        Assert.Equal(0.31361426782951807, treatment.AbsoluteCi![0], 1e-9);
        Assert.Equal(1.8498640545489664, treatment.AbsoluteCi[1], 1e-9);
        Assert.Equal(0.0007343416208360149, treatment.AbsolutePValue!.Value, 1e-10);
        Assert.Equal(0.028593627360149754, treatment.RelativeCi![0], 1e-9);
        Assert.Equal(0.1886047959766776, treatment.RelativeCi[1], 1e-9);
        Assert.Equal(0.0013436483319994462, treatment.RelativePValue!.Value, 1e-10);
        Assert.Equal(treatment.AbsolutePValue, treatment.AdjustedPValue);
    }

    [Fact]
    public void Analyze_AdjustsWithCuped_WhenEveryArmHasPrePeriodSums()
    {
        const string Cuped = """
            {"metric":"mean","plannedSplit":[0.34,0.34,0.32],"variants":[
              {"name":"control","n":500,"sum":10218.996845458974,"sumSquares":219913.89519187814,"preSum":9679.177867902687,"preSumSquares":198346.51945525472,"preCrossSum":206626.21763620124},
              {"name":"t1","n":520,"sum":11295.615807258204,"sumSquares":259679.08535773732,"preSum":10392.274303248432,"preSumSquares":222305.49842925923,"preCrossSum":237698.24371030997},
              {"name":"t2","n":480,"sum":10200.215310234365,"sumSquares":229189.26343220368,"preSum":9610.408529834394,"preSumSquares":204697.5035969231,"preCrossSum":214169.84636442974}]}
            """;

        var result = Analyze(Cuped);

        // statsmodels OLS y ~ C(arm) + x on the raw data of CupedTests: x 0.8107271143114001, [T.t1] 0.7761910584568378;
        // the Welch test of the adjusted values (CompareMeans, usevar='unequal') for t1: p 2.007102455185091e-05.
        Assert.Equal(0.8107271143114001, result.CupedTheta!.Value, 1e-12);
        Assert.Equal(0.7761910584568378, result.Variants[1].AbsoluteEffect!.Value, 1e-10);
        Assert.Equal(2.007102455185091e-05, result.Variants[1].AbsolutePValue!.Value, 1e-13);
        Assert.Equal(20.786242656416878, result.Variants[0].Mean, 1e-10);

        // scipy.stats.chisquare([500, 520, 480], f_exp=numpy.array([0.34, 0.34, 0.32]) * 1500).pvalue -> 0.8219477656585985.
        Assert.Equal(0.8219477656585985, result.SrmPValue, 1e-12);
    }

    [Fact]
    public void Analyze_FlagsASampleRatioMismatch_AndWithholdsTheVerdict()
    {
        var result = Analyze("""{"metric":"proportion","variants":[{"name":"c","n":5500,"conversions":500},{"name":"t","n":4500,"conversions":700}]}""");

        // scipy.stats.chisquare([5500, 4500], f_exp=[5000, 5000]).pvalue -> 1.5239706048320995e-23.
        Assert.Equal(1.5239706048320995e-23, result.SrmPValue, 1e-27);
        Assert.Contains(result.Warnings, w => w.StartsWith("Sample ratio mismatch", StringComparison.Ordinal));
        Assert.Equal(ExperimentAnalyzer.Invalid, result.Variants[1].Verdict);
        Assert.True(result.Variants[1].AdjustedPValue < 1e-6);
    }

    [Fact]
    public void Analyze_LeavesUntestableFiguresNull_AndSaysWhy()
    {
        var result = Analyze("""{"metric":"proportion","variants":[{"name":"c","n":100,"conversions":0},{"name":"t","n":100,"conversions":0},{"name":"u","n":100,"conversions":3}]}""");

        var (nothing, few) = (result.Variants[1], result.Variants[2]);
        Assert.Equal(0, nothing.AbsoluteEffect);
        Assert.Null(nothing.AbsoluteCi);
        Assert.Null(nothing.AbsolutePValue);
        Assert.Null(nothing.AdjustedPValue);
        Assert.Null(nothing.RelativeLift);
        Assert.Null(nothing.ChanceToWin);
        Assert.Equal(1, nothing.ZTestPValue);
        Assert.Equal(ExperimentAnalyzer.Inconclusive, nothing.Verdict);
        Assert.NotNull(few.AbsolutePValue);
        Assert.Equal(few.AbsolutePValue, few.AdjustedPValue);
        Assert.Contains("'t' cannot be tested against the control: both arms have zero variance, so the difference has no standard error.", result.Warnings);
        Assert.Contains("The control's mean is 0, so relative lifts and the Bayesian readout (which is on the relative lift) are not given.", result.Warnings);
        Assert.Contains("'u' has only 3 conversions: the normal approximation behind these tests is rough below 10.", result.Warnings);
        Assert.Contains("'c' has zero variance: every member has the same value (0).", result.Warnings);
    }

    [Fact]
    public void Analyze_Throws_WithEveryProblem_WhenTheRequestIsInvalid()
    {
        var request = new ExperimentAnalysisRequest { Metric = "mean", Variants = [new VariantInput { Name = "c", N = 10, Sum = 10, SumSquares = 5 }] };

        var error = Assert.Throws<InvalidAnalysisRequestException>(() => ExperimentAnalyzer.Analyze(request));

        Assert.Equal(["variants", "variants[0].sumSquares"], error.Problems.Select(p => p.Field));
        Assert.Contains("variants[0].sumSquares: is smaller than sum²/n, which no data can give.", error.Message, StringComparison.Ordinal);
    }

    private static ExperimentAnalysis Analyze(string json)
    {
        var (request, problem) = AnalysisJson.Read(json);
        Assert.Null(problem);
        return ExperimentAnalyzer.Analyze(request!);
    }

    private static string Write(ExperimentAnalysis analysis) => AnalysisJson.Write(analysis);
}
