using System.Text.Json;
using Bunit;
using Dashboard.Core.Models;
using Dashboard.Core.Profiles.Scoring;
using Dashboard.Web.ModelsAndJobs;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.ModelsAndJobs;

public sealed class ScoreModelsSectionTests : DashboardComponentTest
{
    private static readonly DateTime Cutoff = new(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Render_ShowsEachChampionAgainstItsBaseline_WithCalibration()
    {
        var churn = Row(3, ModelKinds.Churn, champion: true, new ScoreEvaluation(
            ModelKinds.Churn, 90, Cutoff.AddDays(-180), Cutoff.AddDays(-90), Cutoff, 3194, 3608, 0.308, "LightGBM", "logistic regression",
            [new("AUC", 0.797, 0.789, true, true), new("Log loss", 0.501, 0.518, false, true)],
            [new(0, 0.1, 937, 0.044, 0.072), new(0.9, 1.0, 12, 0.93, 0.92)], BeatsBaseline: true));
        var oldChurn = Row(1, ModelKinds.Churn, champion: false, churn.Evaluation with { BeatsBaseline = false });
        var value = Row(4, ModelKinds.ExpectedValue, champion: true, new ScoreEvaluation(
            ModelKinds.ExpectedValue, 90, Cutoff.AddDays(-180), Cutoff.AddDays(-90), Cutoff, 3194, 3608, 178.8, "FastTree Tweedie", "run rate",
            [new("RMSE", 310.2, 295.7, false, true), new("MAE", 150.3, 180.2, false, false)], [], BeatsBaseline: false));

        var cut = Render<ScoreModelsSection>(p => p.Add(x => x.Versions, [churn.Row, oldChurn.Row, value.Row]));

        var churnCard = cut.Find("[data-testid=score-model-churn]");
        Assert.Contains("Churn risk v3", churnCard.TextContent, StringComparison.Ordinal);
        Assert.Equal("Beats baseline", churnCard.QuerySelector("[data-testid=verdict]")!.TextContent.Trim());
        Assert.Contains("3,608 buyers (30.8 % positive)", churnCard.TextContent, StringComparison.Ordinal);
        var metrics = churnCard.QuerySelectorAll("[data-testid=metric]").Select(r => string.Join('|', r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["AUC *|0.797|0.789", "Log loss *|0.501|0.518"], metrics);
        Assert.Equal(3, churnCard.QuerySelectorAll("[data-testid=calibration] tr").Length);
        var valueCard = cut.Find("[data-testid=score-model-expected-value]");
        Assert.Equal("Does not beat baseline", valueCard.QuerySelector("[data-testid=verdict]")!.TextContent.Trim());
        Assert.Contains("RMSE *|310.2|295.7", string.Join(',', valueCard.QuerySelectorAll("[data-testid=metric]").Select(r => string.Join('|', r.Children.Select(c => c.TextContent.Trim())))), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=score-model-propensity]"));
    }

    [Fact]
    public void Render_ExplainsWhenThereAreNoScoreModels()
    {
        var cut = Render<ScoreModelsSection>(p => p.Add(x => x.Versions, []));

        Assert.Contains("No customer scores yet", cut.Markup, StringComparison.Ordinal);
    }

    private static (ModelVersionRow Row, ScoreEvaluation Evaluation) Row(int id, string kind, bool champion, ScoreEvaluation evaluation) =>
        (new ModelVersionRow(id, kind, Cutoff, Cutoff.AddDays(-180), Cutoff, champion, 1.5, JsonSerializer.Serialize(evaluation, Json)), evaluation);
}
