using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Models;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Campaigns;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Web.Tests.Campaigns;

public sealed class VariantsEditorTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddTreatment_AddsARow_AndEveryShareOfTheAudienceFollows()
    {
        await VersionsAsync(Setup());
        var draft = new CampaignDraft { HoldoutShare = 0.2 };
        var changes = 0;
        var cut = Render<VariantsEditor>(p => p.Add(x => x.Draft, draft).Add(x => x.Changed, () => changes++));
        cut.WaitForState(() => cut.FindAll("[data-testid=variant-row]").Count == 2, LoadTimeout);

        // The control and the treatment split the 80 % the holdout leaves.
        Assert.Equal(["40.0 % of the audience", "40.0 % of the audience"], Shares(cut));

        await cut.InvokeAsync(() => cut.Find("[data-testid=add-treatment]").Click());

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=variant-row]").Count));
        Assert.Equal("Treatment 2", draft.Variants[2].Name);
        Assert.Equal(OfferStrategy.Personalized, draft.Variants[2].Strategy);
        // 80 % / 3 = 26.67 %.
        Assert.Equal(["26.7 % of the audience", "26.7 % of the audience", "26.7 % of the audience"], Shares(cut));
        Assert.Equal(1, changes);
        // The control stays first and cannot be removed; each treatment can.
        Assert.Equal(2, cut.FindAll("[data-testid=remove-variant]").Count);
    }

    [Fact]
    public async Task AddTreatment_StopsAtFourTreatments()
    {
        await VersionsAsync(Setup());
        var draft = new CampaignDraft();
        var cut = Render<VariantsEditor>(p => p.Add(x => x.Draft, draft));

        for (var treatments = 1; treatments < VariantPlan.MaxTreatments; treatments++)
        {
            await cut.InvokeAsync(() => cut.Find("[data-testid=add-treatment]").Click());
        }

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=variant-row]").Count));
        Assert.True(cut.Find("[data-testid=add-treatment]").HasAttribute("disabled"));
        Assert.Equal(5, draft.Variants.Select(v => v.Name).Distinct().Count());
    }

    [Fact]
    public async Task PinnedPicker_ListsTheRecommenderVersions_AndStartsAtTheNewestChallenger()
    {
        await VersionsAsync(Setup());
        var draft = new CampaignDraft();
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<VariantsEditor>(p => p.Add(x => x.Draft, draft));
        cut.WaitForState(() => cut.FindAll("[data-testid=variant-row]").Count == 2, LoadTimeout);

        await OpenSelectAsync(cut, "[data-testid=variant-offer]", index: 1);
        await cut.InvokeAsync(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains("pinned version", StringComparison.Ordinal)).Click());

        cut.WaitForAssertion(() => Assert.Equal(1, draft.Variants[1].ModelVersionId));
        Assert.Equal(OfferStrategy.Personalized, draft.Variants[1].Strategy);
        Assert.Equal("#1 itemknn · trained 2026-03-01 · NDCG@10 0.137", cut.Find("[data-testid=variant-version]").TextContent.Trim());

        // The churn model is not a recommender and #4 has nothing to serve: only the two others can be pinned, newest first.
        await OpenSelectAsync(cut, "[data-testid=variant-version]", index: 0);
        var versions = popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
        Assert.Equal(["#3 repeat · trained 2026-03-15 · NDCG@10 0.270 · champion", "#1 itemknn · trained 2026-03-01 · NDCG@10 0.137"], versions);
    }

    [Fact]
    public async Task Problems_AreShown_AndKeepTheFormFromBeingSubmitted()
    {
        await VersionsAsync(Setup());
        var draft = new CampaignDraft();
        draft.Variants[1].ModelVersionId = 99;
        var form = new EditContext(draft);
        var cut = Render<VariantsEditor>(p => p.Add(x => x.Draft, draft).AddCascadingValue(form));

        cut.WaitForAssertion(() => Assert.Equal(
            "\"Treatment: personalized\" pins model version #99, which no longer exists: pick another version or follow the champion.",
            cut.Find("[data-testid=variant-problem]").TextContent.Trim()));
        Assert.False(form.Validate());

        await cut.InvokeAsync(() => cut.Find("[data-testid=remove-variant]").Click());

        cut.WaitForAssertion(() => Assert.StartsWith("Add a treatment", cut.Find("[data-testid=variant-problem]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.False(form.Validate());
        Assert.Contains(form.GetValidationMessages(), m => m.StartsWith("Add a treatment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AValidSet_LetsTheFormBeSubmitted()
    {
        await VersionsAsync(Setup());
        var draft = new CampaignDraft { Name = "Spring test" };
        var form = new EditContext(draft);
        var cut = Render<VariantsEditor>(p => p.Add(x => x.Draft, draft).AddCascadingValue(form));
        cut.WaitForState(() => cut.FindAll("[data-testid=variant-row]").Count == 2, LoadTimeout);

        Assert.Empty(cut.FindAll("[data-testid=variant-problem]"));
        Assert.True(form.Validate());
    }

    private static List<string> Shares(IRenderedComponent<VariantsEditor> cut) =>
        [.. cut.FindAll("[data-testid=variant-share]").Select(s => s.TextContent.Trim())];

    /// <summary>Opens the <paramref name="index"/>-th select marked <paramref name="testId"/>, as a mouse press on it does.</summary>
    private static Task OpenSelectAsync(IRenderedComponent<VariantsEditor> cut, string testId, int index) =>
        cut.InvokeAsync(() => cut.FindAll(testId)[index].Closest(".mud-input-control")!.MouseDown());

    private SqliteTestDatabase Setup()
    {
        SignInAs(Roles.MarketingManager);
        Services.AddRecommenders();
        Services.AddOptions<RecommenderOptions>();
        Services.AddTransient<RecommenderRegistry>();
        return UseDatabase(Now);
    }

    /// <summary>#1 an ItemKNN challenger, #2 a churn model (not a recommender), #3 the repeat champion, #4 a version without artifact.</summary>
    private static async Task VersionsAsync(SqliteTestDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.ModelVersions.AddRange(
            Version("rec:itemknn", new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), champion: false, ndcg: 0.137),
            Version(ModelKinds.Churn, new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc), champion: true, ndcg: null),
            Version("rec:repeat", new DateTime(2026, 3, 15, 0, 0, 0, DateTimeKind.Utc), champion: true, ndcg: 0.2704),
            Version("rec:popularity", new DateTime(2026, 3, 16, 0, 0, 0, DateTimeKind.Utc), champion: false, ndcg: 0.095, artifact: false));
        await db.SaveChangesAsync();
    }

    private static ModelVersion Version(string kind, DateTime trainedAt, bool champion, double? ndcg, bool artifact = true) => new()
    {
        Kind = kind,
        CreatedAt = trainedAt,
        DataFrom = trainedAt.AddDays(-30),
        DataTo = trainedAt,
        IsChampion = champion,
        MetricsJson = ndcg is { } value ? $$"""{"ndcg@10":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"hr@10":0.5,"mrr@10":0.2,"recall@20":0.1,"coverage@10":0.3}""" : null,
        Artifact = artifact ? [1, 2, 3] : null,
    };
}
