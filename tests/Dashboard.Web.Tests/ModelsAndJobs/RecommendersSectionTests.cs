using Bunit;
using Dashboard.Core.Models;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.ModelsAndJobs;
using Dashboard.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.ModelsAndJobs;

public sealed class RecommendersSectionTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
    /// <summary>MudBlazor puts extra attributes on the input itself or on its wrapper, depending on the version.</summary>
    private const string CronInput = "input[data-testid=training-cron], [data-testid=training-cron] input";

    private readonly RecordingJobs _jobs = new();

    [Fact]
    public async Task Admin_SeesVersionsAndChart_AndCanPromoteAndRollBack()
    {
        SignInAs(Roles.Admin);
        var db = UseServices();
        var (popularity, repeat) = (
            await AddVersionAsync(db, "popularity", 0.10, champion: false),
            await AddVersionAsync(db, "repeat", 0.21, champion: true, servingDataTo: Now.UtcDateTime.AddDays(-1)));

        var cut = Render<RecommendersSection>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".recommender-versions tbody tr").Count));
        // The champion serves its refit on every purchase; its figures are the holdout fit's.
        Assert.Equal("serves a refit up to 2026-03-31", Assert.Single(cut.FindAll("[data-testid=serving-refit]")).TextContent.Trim());
        Assert.Contains("0.2100", cut.Find(".recommender-versions tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid=champion]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=ndcg-chart]"));

        cut.Find($"[data-testid=promote-{popularity}]").Click();
        cut.WaitForAssertion(() => Assert.Equal(popularity, ChampionId(db)));
        cut.Find("[data-testid=roll-back]").Click();
        cut.WaitForAssertion(() => Assert.Equal(repeat, ChampionId(db)));
        // Each new champion is refitted on every purchase in the background.
        cut.WaitForAssertion(() => Assert.Equal(
            [(typeof(ChampionRefitJob), popularity), (typeof(ChampionRefitJob), repeat)],
            _jobs.Created.Select(j => (j.Type, (int)j.Args[0]!))));
    }

    [Fact]
    public async Task AVersionWhoseArtifactsWereDropped_IsListed_ButCannotBePromoted()
    {
        SignInAs(Roles.Admin);
        var db = UseServices();
        await AddVersionAsync(db, "repeat", 0.21, champion: true);
        var pruned = await AddVersionAsync(db, "popularity", 0.10, champion: false, artifact: false);

        var cut = Render<RecommendersSection>();

        cut.WaitForAssertion(() => Assert.Equal("artifact removed", cut.Find($"[data-testid=pruned-{pruned}]").TextContent.Trim()));
        Assert.Empty(cut.FindAll($"[data-testid=promote-{pruned}]"));
    }

    [Fact]
    public async Task AnAnalyst_SeesTheRegistry_ButNoActions()
    {
        SignInAs(Roles.Analyst);
        var db = UseServices();
        await AddVersionAsync(db, "popularity", 0.10, champion: true);

        var cut = Render<RecommendersSection>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".recommender-versions tbody tr")));
        Assert.Empty(cut.FindAll("[data-testid=train-now]"));
        Assert.Empty(cut.FindAll("[data-testid=roll-back]"));
        Assert.Empty(cut.FindAll("[data-testid^=promote-]"));
        Assert.Equal(RecommenderOptions.DefaultTrainingCron, cut.Find("[data-testid=training-cron-readonly]").TextContent);
    }

    [Fact]
    public async Task ARunningTraining_ShowsItsProgress_AndTrainNowWaitsForIt()
    {
        SignInAs(Roles.MarketingManager);
        var db = UseServices();
        await using (var context = db.CreateDbContext())
        {
            context.TrainingRuns.Add(new TrainingRun
            {
                Kind = RecommenderTrainingJob.RunKind, Status = RunStatus.Running, StartedAt = Now.UtcDateTime, Progress = 0.4,
                CurrentModel = "gru4rec", Epoch = 2, Epochs = 5, Loss = 3.25, ValidationMetric = 0.125, EtaSeconds = 30,
            });
            await context.SaveChangesAsync();
        }

        var cut = Render<RecommendersSection>();

        cut.WaitForAssertion(() => Assert.Equal("gru4rec, epoch 2/5, loss 3.250, validation 0.125, about 30 s left", cut.Find("[data-testid=training-progress]").TextContent));
        Assert.True(cut.Find("[data-testid=train-now]").HasAttribute("disabled"));
        Assert.Null(await cut.Services.GetRequiredService<RecommendersService>().TrainNowAsync());
        Assert.Empty(_jobs.Created);
    }

    [Fact]
    public void TrainNow_QueuesTheTrainingJob()
    {
        SignInAs(Roles.MarketingManager);
        UseServices();

        var cut = Render<RecommendersSection>();
        cut.Find("[data-testid=train-now]").Click();

        cut.WaitForAssertion(() => Assert.Equal(typeof(RecommenderTrainingJob), Assert.Single(_jobs.Created).Type));
    }

    [Fact]
    public void Admin_SavesAValidCron_WhichIsStoredAndScheduled_AndIsToldWhyAnInvalidOneIsNot()
    {
        SignInAs(Roles.Admin);
        var db = UseServices();
        var cut = Render<RecommendersSection>();

        cut.Find(CronInput).Change("every night");
        cut.Find("[data-testid=save-cron]").Click();
        cut.WaitForAssertion(() => Assert.Contains("is not a cron expression", cut.Markup, StringComparison.Ordinal));
        cut.Find(CronInput).Change("30 1 * * *");
        cut.Find("[data-testid=save-cron]").Click();

        cut.WaitForAssertion(() => Assert.Equal("30 1 * * *", _jobs.Schedules.GetValueOrDefault(RecommenderTrainingJob.RecurringJobId)));
        using var context = db.CreateDbContext();
        Assert.Equal("30 1 * * *", context.Settings.Single(s => s.Key == TrainingSchedule.SettingKey).Value);
    }

    [Fact]
    public void Families_ThatCannotRunHere_AreFlagged_WithTheReason_AndTheOthersStillListed()
    {
        SignInAs(Roles.Analyst);
        Services.AddRecommender("gru4rec", "A sequence model.", _ => throw new InvalidOperationException("not made"), _ => throw new InvalidOperationException("not loaded"),
            () => "libtorch cannot load here: test; sequence models are disabled, baselines only");
        UseServices();

        var cut = Render<RecommendersSection>();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=recommender-families] .mud-chip").Count));
        Assert.Equal("libtorch cannot load here: test; sequence models are disabled, baselines only", cut.Find("[data-testid=families-unavailable]").TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", cut.Find("[data-testid=family-gru4rec]").ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-chip-color-warning", cut.Find("[data-testid=family-repeat]").ClassName, StringComparison.Ordinal);
    }

    private SqliteTestDatabase UseServices()
    {
        Services.AddRecommenders();
        Services.AddOptions<RecommenderOptions>();
        Services.AddTransient<RecommenderRegistry>();
        Services.AddTransient<TrainingSchedule>();
        Services.AddSingleton<IBackgroundJobClient>(_jobs);
        Services.AddSingleton<IRecurringJobManager>(_jobs);
        return UseDatabase(Now);
    }

    private static async Task<int> AddVersionAsync(
        SqliteTestDatabase db, string family, double ndcg, bool champion, DateTime? servingDataTo = null, bool artifact = true)
    {
        var split = new SplitDescription(Now.UtcDateTime.AddDays(-60), Now.UtcDateTime, 300, 80, 2000, 900, 120, 110, 400, 20, 60, 90);
        var version = new ModelVersion
        {
            Kind = RecommenderKinds.Of(family), CreatedAt = Now.UtcDateTime, DataFrom = Now.UtcDateTime.AddDays(-150), DataTo = Now.UtcDateTime.AddDays(-60),
            MetricsJson = new RecommenderMetrics(ndcg, ndcg * 2, ndcg, ndcg * 3, 0.5, split).ToJson(),
            Artifact = artifact ? [1] : null, IsChampion = champion, PromotedAt = champion ? Now.UtcDateTime.AddDays(-1) : null, TrainingSeconds = 1.5,
            ServingArtifact = servingDataTo is null ? null : [2], ServingDataTo = servingDataTo,
        };
        await using var context = db.CreateDbContext();
        context.ModelVersions.Add(version);
        await context.SaveChangesAsync();
        return version.Id;
    }

    private static int? ChampionId(SqliteTestDatabase db)
    {
        using var context = db.CreateDbContext();
        return context.ModelVersions.Where(m => m.IsChampion).Select(m => (int?)m.Id).FirstOrDefault();
    }

    /// <summary>Stands in for Hangfire's storage: records what is queued and scheduled.</summary>
    private sealed class RecordingJobs : IBackgroundJobClient, IRecurringJobManager
    {
        public List<Job> Created { get; } = [];
        public Dictionary<string, string> Schedules { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options) => Schedules[recurringJobId] = cronExpression;

        public void Trigger(string recurringJobId)
        {
        }

        public void RemoveIfExists(string recurringJobId) => Schedules.Remove(recurringJobId);
    }
}
