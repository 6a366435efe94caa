using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Campaigns;

/// <summary>Editing a saved campaign, part by part as its state allows, on a real SQLite file.</summary>
public sealed class CampaignEditTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly InMemoryStorage _storage = new();
    private readonly CampaignService _campaigns;

    public CampaignEditTests() =>
        _campaigns = new CampaignService(_db, new CampaignReadiness(_db, TimeProvider.System), new BackgroundJobClient(_storage), TimeProvider.System);

    public void Dispose()
    {
        _storage.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task Draft_RoundTripsThroughTheForm_WithoutChanges()
    {
        var created = await _campaigns.CreateAsync(Draft());

        var campaign = await LoadAsync(created.Id);

        Assert.Equal(CampaignChanges.None, CampaignEdits.Changes(campaign, CampaignEdits.ToDraft(campaign)));
    }

    [Fact]
    public async Task Draft_ChangesEverything_AndItsArmsAreReplaced()
    {
        var created = await _campaigns.CreateAsync(Draft());
        var edit = CampaignEdits.ToDraft(await LoadAsync(created.Id));
        edit.Name = "Autumn, renamed";
        edit.Audience = AudienceRules.AllOf(AudienceCondition.In(AudienceField.Country, "DE"));
        edit.Variants.Add(new VariantDraft { Name = "Treatment B", Strategy = OfferStrategy.BestSellers, Share = 25 });
        edit.HoldoutShare = 0;
        edit.Offer.CouponPattern = "FALL-{code}";

        Assert.Equal(CampaignChanges.Details | CampaignChanges.Audience | CampaignChanges.Variants | CampaignChanges.Plan,
            CampaignEdits.Changes(await LoadAsync(created.Id), edit));
        await _campaigns.UpdateAsync(created.Id, edit);

        var stored = await LoadAsync(created.Id);
        Assert.Equal("Autumn, renamed", stored.Name);
        Assert.Equal(edit.Audience, AudienceRules.FromJson(stored.Audience!.RulesJson));
        Assert.Equal("FALL-{code}", stored.Offer.CouponPattern);
        // The form shows the old arms as 50 and 50 (percent of the contacted); 50 : 50 : 25 of everyone, with no holdout any more.
        Assert.Equal([0.4, 0.4, 0.2], stored.Variants.OrderBy(v => v.Id).Select(v => Math.Round(v.TrafficShare, 9)));
        await using var db = _db.CreateDbContext();
        Assert.Equal(3, await db.CampaignVariants.CountAsync());
    }

    [Fact]
    public async Task Running_TakesANewName_ButRefusesAnotherAudience()
    {
        var created = await _campaigns.CreateAsync(Draft());
        await using (var db = _db.CreateDbContext())
        {
            await db.Campaigns.Where(c => c.Id == created.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Running));
        }

        var rename = CampaignEdits.ToDraft(await LoadAsync(created.Id));
        rename.Name = "Autumn (week 2)";
        await _campaigns.UpdateAsync(created.Id, rename);
        Assert.Equal("Autumn (week 2)", (await LoadAsync(created.Id)).Name);

        var retarget = CampaignEdits.ToDraft(await LoadAsync(created.Id));
        retarget.Audience = AudienceRules.AllOf(AudienceCondition.In(AudienceField.Segment, "Champions"));
        var error = await Assert.ThrowsAsync<CampaignRuleException>(() => _campaigns.UpdateAsync(created.Id, retarget));
        Assert.StartsWith("Audience cannot change: Running:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_IsValidatedLikeANewDraft()
    {
        var created = await _campaigns.CreateAsync(Draft());
        var edit = CampaignEdits.ToDraft(await LoadAsync(created.Id));
        edit.Offer.CouponPattern = "NO-PLACEHOLDER";

        var error = await Assert.ThrowsAsync<CampaignValidationException>(() => _campaigns.UpdateAsync(created.Id, edit));

        Assert.Equal("Offer.CouponPattern", Assert.Single(error.Problems).Field);
    }

    private static CampaignDraft Draft() => new()
    {
        Name = "Autumn",
        HoldoutShare = 0.1,
        Budget = 500m,
        CostPerContact = 0.1m,
        Offer = new CampaignOffer { Discount = DiscountKind.PercentOff, DiscountValue = 15m, EligibleCategories = ["Books"] },
        Audience = AudienceRules.AllOf(AudienceCondition.In(AudienceField.Segment, "Loyal", "Champions")),
    };

    private async Task<Campaign> LoadAsync(int id)
    {
        await using var db = _db.CreateDbContext();
        return await db.Campaigns.AsNoTracking().Include(c => c.Variants).Include(c => c.Audience).SingleAsync(c => c.Id == id);
    }
}
