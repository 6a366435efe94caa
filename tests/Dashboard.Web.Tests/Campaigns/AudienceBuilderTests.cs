using Bunit;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Customers;
using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Dashboard.Web.Campaigns.Audiences;
using Dashboard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Dashboard.Core.Campaigns.Audiences.AudienceCondition;

namespace Dashboard.Web.Tests.Campaigns;

/// <summary>
/// The audience builder and its live estimate as the new-campaign page wires them (rules bound both ways), on a real
/// database of five customers:
/// Ann (DE, Champions, value 300), Ben (DE, Loyal, 100), Cid (FR, Champions, no value score), Dot (FR, Lost, 20), Eve (UK, no profile).
/// </summary>
public sealed class AudienceBuilderTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 6, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task<IDbContextFactory<DashboardDbContext>> ShopAsync()
    {
        Services.AddTransient<AudienceEstimator>();
        Services.AddTransient<SavedAudiences>();
        var db = UseDatabase(Now);
        await using var context = db.CreateDbContext();
        foreach (var (name, country, segment, value) in new (string, string, string?, double?)[]
                 {
                     ("Ann", "DE", "Champions", 300), ("Ben", "DE", "Loyal", 100), ("Cid", "FR", "Champions", null), ("Dot", "FR", "Lost", 20), ("Eve", "UK", null, null),
                 })
        {
            var customer = new Customer { ExternalId = name, Country = country, CreatedAt = Now.UtcDateTime.AddYears(-1) };
            context.Customers.Add(customer);
            await context.SaveChangesAsync();
            if (segment is not null)
            {
                context.Profiles.Add(new CustomerProfile { CustomerId = customer.Id, Segment = segment, ExpectedValue90d = value, ReferenceDate = Now.UtcDateTime, ComputedAt = Now.UtcDateTime });
            }
        }

        await context.SaveChangesAsync();
        return db;
    }

    [Fact]
    public async Task AddingACondition_ChangesTheEstimate()
    {
        await ShopAsync();
        var cut = Render<BuilderHost>();
        AssertMembers(cut, "5");
        Assert.Equal("420.00", cut.Find("[data-testid=estimate-revenue]").TextContent);

        cut.Find("[data-testid=add-condition]").Click();
        // A new condition has no value yet: the card says what is missing instead of failing.
        cut.WaitForAssertion(() => Assert.Equal("The RFM segment rule needs at least one value.", cut.Find("[data-testid=audience-error]").TextContent.Trim()), Timeout);
        Assert.Null(cut.Instance.Count);

        await ChooseAsync(cut, "campaign-segments", "Champions");

        AssertMembers(cut, "2");
        Assert.Equal("300.00", cut.Find("[data-testid=estimate-revenue]").TextContent);
        Assert.Contains("1 of them have no value score", cut.Find("[data-testid=estimate-unscored]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, cut.Instance.Count);
        Assert.Equal(AudienceRules.AllOf(In(AudienceField.Segment, "Champions")) with { RequireConsent = false }, cut.Instance.Rules);
    }

    [Fact]
    public async Task AnyOf_CountsMoreThanAllOf()
    {
        await ShopAsync();
        var cut = Render<BuilderHost>(p => p.Add(x => x.Rules, AudienceRules.AllOf(In(AudienceField.Segment, "Champions"), In(AudienceField.Country, "DE")) with { RequireConsent = false }));
        AssertMembers(cut, "1");

        await cut.InvokeAsync(() => cut.FindComponent<MudToggleGroup<RuleCombinator>>().Instance.ValueChanged.InvokeAsync(RuleCombinator.Any));

        AssertMembers(cut, "3");
        Assert.Equal(RuleCombinator.Any, cut.Instance.Rules.Include.Combinator);
    }

    [Fact]
    public async Task NestedGroup_IsEditedInPlace()
    {
        await ShopAsync();
        var cut = Render<BuilderHost>(p => p.Add(x => x.Rules, AudienceRules.AllOf(In(AudienceField.Country, "FR")) with { RequireConsent = false }));
        AssertMembers(cut, "2");

        cut.Find("[data-testid=add-group]").Click();
        await ChooseAsync(cut.FindComponents<AudienceConditionRow>()[1], "campaign-segments", "Lost");

        AssertMembers(cut, "1");
        var nested = Assert.Single(cut.Instance.Rules.Include.Groups);
        Assert.Equal(RuleCombinator.Any, nested.Combinator);

        cut.Find("[data-testid=remove-group]").Click();
        AssertMembers(cut, "2");
    }

    [Fact]
    public async Task RemovingACondition_AndTheConsentSwitch_ChangeTheRules()
    {
        await ShopAsync();
        var cut = Render<BuilderHost>(p => p.Add(x => x.Rules, AudienceRules.AllOf(In(AudienceField.Country, "FR"))));
        // Nobody here consented to e-mail.
        AssertMembers(cut, "0");

        await cut.InvokeAsync(() => cut.FindComponents<MudSwitch<bool>>()[0].Instance.ValueChanged.InvokeAsync(false));
        AssertMembers(cut, "2");

        cut.Find("[data-testid=remove-condition]").Click();
        AssertMembers(cut, "5");
        Assert.True(cut.Instance.Rules.Include.IsEmpty);
        Assert.NotNull(cut.Find("[data-testid=no-conditions]"));
    }

    [Fact]
    public async Task FrequencyCap_IsOffByDefault_AndTurnsOnWithTwoContactsInSevenDays()
    {
        await ShopAsync();
        var cut = Render<BuilderHost>();
        Assert.Empty(cut.FindAll("[data-testid=cap-contacts]"));

        await cut.InvokeAsync(() => cut.FindComponents<MudSwitch<bool>>()[1].Instance.ValueChanged.InvokeAsync(true));

        Assert.Equal(new FrequencyCap(2, 7), cut.Instance.Rules.FrequencyCap);
        Assert.NotNull(cut.Find("[data-testid=cap-contacts]"));
        Assert.Contains("erased are always left out", cut.Markup.Replace("whose data was erased", "erased", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedAudience_LoadsIntoTheBuilder()
    {
        var db = await ShopAsync();
        var loyal = AudienceRules.AllOf(In(AudienceField.Segment, "Loyal", "Lost")) with { RequireConsent = false };
        var saved = await new SavedAudiences(db, TimeProvider.System).SaveAsync("Win-back", "Loyal and lost", loyal);
        var cut = Render<BuilderHost>();
        AssertMembers(cut, "5");

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(saved.Id));

        AssertMembers(cut, "2");
        Assert.Equal(loyal, cut.Instance.Rules);
        Assert.Equal(saved.Id, cut.Instance.SavedAudienceId);
        Assert.Equal("Win-back", cut.Find(Input("audience-name")).GetAttribute("value"));
        Assert.Contains("Update saved audience", cut.Find("[data-testid=save-audience]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavedAudience_CanBeDeleted_AndTheRulesBeingEditedStay()
    {
        var db = await ShopAsync();
        var library = new SavedAudiences(db, TimeProvider.System);
        var loyal = AudienceRules.AllOf(In(AudienceField.Segment, "Loyal", "Lost")) with { RequireConsent = false };
        var saved = await library.SaveAsync("Win-back", null, loyal);
        var cut = Render<BuilderHost>();
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(saved.Id));

        await cut.InvokeAsync(() => cut.Find("[data-testid=delete-saved-audience] button, button[data-testid=delete-saved-audience]").Click());

        cut.WaitForAssertion(() => Assert.Contains("Deleted \"Win-back\"", cut.Find("[data-testid=save-audience-result]").TextContent, StringComparison.Ordinal), Timeout);
        Assert.Empty(await library.ListAsync());
        Assert.Null(cut.Instance.SavedAudienceId);
        Assert.Equal(loyal, cut.Instance.Rules);
        Assert.Empty(cut.FindAll("[data-testid=delete-saved-audience]"));
    }

    [Fact]
    public async Task SaveAudience_StoresTheRulesUnderTheName()
    {
        var db = await ShopAsync();
        var rules = AudienceRules.AllOf(In(AudienceField.Country, "DE")) with { FrequencyCap = new FrequencyCap(1, 14) };
        var cut = Render<BuilderHost>(p => p.Add(x => x.Rules, rules));

        cut.Find(Input("audience-name")).Input("Germany");
        cut.Find(Input("audience-description-input")).Change("All German customers");
        cut.Find("[data-testid=save-audience]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved \"Germany\"", cut.Find("[data-testid=save-audience-result]").TextContent, StringComparison.Ordinal), Timeout);
        var saved = Assert.Single(await new SavedAudiences(db, TimeProvider.System).ListAsync());
        Assert.Equal(("Germany", "All German customers", rules), (saved.Name, saved.Description, saved.Rules));
        Assert.Equal(saved.Id, cut.Instance.SavedAudienceId);
    }

    [Fact]
    public async Task SaveAudience_ShowsTheRuleError_ForInvalidRules()
    {
        var db = await ShopAsync();
        var cut = Render<BuilderHost>(p => p.Add(x => x.Rules, AudienceRules.AllOf(In(AudienceField.Country))));

        cut.Find(Input("audience-name")).Input("Broken");
        cut.Find("[data-testid=save-audience]").Click();

        cut.WaitForAssertion(() => Assert.Equal("The country rule needs at least one value.", cut.Find("[data-testid=save-audience-result]").TextContent), Timeout);
        Assert.Empty(await new SavedAudiences(db, TimeProvider.System).ListAsync());
    }

    [Fact]
    public async Task EstimateCard_CostsTheContactedMembers_AndKeepsOnlyTheNewestEstimate()
    {
        await ShopAsync();
        var cut = Render<AudienceEstimateCard>(p => p
            .Add(x => x.Rules, new AudienceRules { RequireConsent = false })
            .Add(x => x.Channel, CampaignChannel.Email)
            .Add(x => x.HoldoutShare, 0.2)
            .Add(x => x.CostPerContact, 0.5m)
            .Add(x => x.Debounce, TimeSpan.FromMilliseconds(100)));

        // Two quick changes: the first is cancelled before it runs.
        cut.Render(p => p.Add(x => x.Rules, AudienceRules.AllOf(In(AudienceField.Country, "DE")) with { RequireConsent = false }));
        cut.Render(p => p.Add(x => x.Rules, AudienceRules.AllOf(In(AudienceField.Country, "DE", "FR")) with { RequireConsent = false }));

        cut.WaitForAssertion(() => Assert.Equal("4", cut.Find("[data-testid=estimate-members]").TextContent), Timeout);
        // 4 members, 20 % held out: 3 contacted (rounded) at 0.50.
        Assert.Equal("1.50", cut.Find("[data-testid=estimate-cost]").TextContent);
        Assert.Contains("(3 contacted)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EstimateCard_SaysWhenTheDatabaseFails_InsteadOfSpinning()
    {
        var db = await ShopAsync();
        await using (var context = db.CreateDbContext())
        {
            await context.Database.ExecuteSqlRawAsync("DROP TABLE Profiles");
        }

        var cut = Render<AudienceEstimateCard>(p => p
            .Add(x => x.Rules, AudienceRules.AllOf(In(AudienceField.Segment, "Champions")))
            .Add(x => x.Debounce, TimeSpan.Zero));

        cut.WaitForAssertion(() => Assert.Contains("could not be computed", cut.Find("[data-testid=audience-error]").TextContent, StringComparison.Ordinal), Timeout);
        Assert.Empty(cut.FindAll("[data-testid=estimate-loading]"));
    }

    [Theory]
    [InlineData(null, CampaignChannel.Email, "Everyone; only customers who consented to e-mail")]
    [InlineData("""{"segments":["Champions","Loyal"],"countries":["DE"],"requireConsent":false}""", CampaignChannel.Push, "All of: RFM segment is Champions or Loyal · country is DE")]
    public void Summary_PutsTheCampaignsRulesInWords(string? json, CampaignChannel channel, string expected)
    {
        var audience = json is null ? null : new Audience { Name = "Campaign audience", RulesJson = json };

        var cut = Render<AudienceSummary>(p => p.Add(x => x.Audience, audience).Add(x => x.Channel, channel));

        Assert.Equal($"Audience: {expected}", cut.Find("[data-testid=audience-summary]").TextContent);
    }

    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    private static void AssertMembers(IRenderedComponent<BuilderHost> cut, string expected) =>
        cut.WaitForAssertion(() => Assert.Equal(expected, cut.Find("[data-testid=estimate-members]").TextContent), Timeout);

    /// <summary>Picks values in a condition's multi-select as MudBlazor reports a choice.</summary>
    private static async Task ChooseAsync(IRenderedComponent<IComponent> scope, string testId, params string[] values)
    {
        var select = scope.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId));
        await scope.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(values));
    }

    /// <summary>The builder and the estimate card bound to one rules value, as on the new-campaign page (no debounce here).</summary>
    public sealed class BuilderHost : ComponentBase
    {
        [Parameter]
        public AudienceRules Rules { get; set; } = new() { RequireConsent = false };

        public int? SavedAudienceId { get; private set; }

        public int? Count { get; private set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<AudienceBuilder>(0);
            builder.AddAttribute(1, nameof(AudienceBuilder.Rules), Rules);
            builder.AddAttribute(2, nameof(AudienceBuilder.RulesChanged), EventCallback.Factory.Create<AudienceRules>(this, r => Rules = r));
            builder.AddAttribute(3, nameof(AudienceBuilder.SavedAudienceId), SavedAudienceId);
            builder.AddAttribute(4, nameof(AudienceBuilder.SavedAudienceIdChanged), EventCallback.Factory.Create<int?>(this, id => SavedAudienceId = id));
            builder.CloseComponent();
            builder.OpenComponent<AudienceEstimateCard>(5);
            builder.AddAttribute(6, nameof(AudienceEstimateCard.Rules), Rules);
            builder.AddAttribute(7, nameof(AudienceEstimateCard.Channel), CampaignChannel.Email);
            builder.AddAttribute(8, nameof(AudienceEstimateCard.Debounce), TimeSpan.Zero);
            builder.AddAttribute(9, nameof(AudienceEstimateCard.CountChanged), EventCallback.Factory.Create<int?>(this, n => Count = n));
            builder.CloseComponent();
        }
    }
}
