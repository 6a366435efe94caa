using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>Last-touch attribution across campaigns on hand-made orders (launch at 2026-06-01 10:00, windows of 14 days).</summary>
public sealed class ConversionAttributorTests : IDisposable
{
    private static readonly DateTime Launch = HandMadeExperiment.Launch;
    private readonly SqliteTestDatabase _db = new();
    private readonly HandMadeExperiment _shop;
    private readonly ConversionAttributor _attributor;

    public ConversionAttributorTests()
    {
        _shop = new HandMadeExperiment(_db);
        _attributor = new ConversionAttributor(_db);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task OverlappingCampaigns_EachOrderGoesToTheLatestTouchWhoseWindowCoversIt()
    {
        var c = await _shop.CustomersAsync("United Kingdom", "United Kingdom");
        var (a, _, aTreated) = await _shop.CampaignAsync("A", Launch, 14, holdout: [], treated: [c[0], c[1]]);
        var (b, _, bTreated) = await _shop.CampaignAsync("B", Launch.AddDays(5), 14, holdout: [], treated: [c[0]]);
        var beforeB = await _shop.PurchaseAsync(c[0], Launch.AddDays(3), 10);   // only A had touched c1
        var afterB = await _shop.PurchaseAsync(c[0], Launch.AddDays(6), 20);    // both windows cover it: B touched last
        var afterA = await _shop.PurchaseAsync(c[0], Launch.AddDays(16), 30);   // A's window is over, B's runs to day 19
        var onlyA = await _shop.PurchaseAsync(c[1], Launch.AddDays(6), 40);     // c2 is not in B

        Assert.Equal(4, await _attributor.AttributeAsync([a.Id, b.Id]));

        var rows = await ConversionsAsync();
        Assert.Equal(
            [(a.Id, aTreated.Id, beforeB.Id, 10.0), (a.Id, aTreated.Id, onlyA.Id, 40.0), (b.Id, bTreated.Id, afterB.Id, 20.0), (b.Id, bTreated.Id, afterA.Id, 30.0)],
            rows);
    }

    [Fact]
    public async Task Window_IncludesItsFirstInstant_AndEndsJustBeforeLaunchPlusItsDays()
    {
        var c = await _shop.CustomersAsync("United Kingdom");
        var (campaign, _, _) = await _shop.CampaignAsync("Edges", Launch, 14, holdout: [], treated: [c[0]]);
        await _shop.PurchaseAsync(c[0], Launch.AddSeconds(-1), 1);
        var atLaunch = await _shop.PurchaseAsync(c[0], Launch, 2);
        var lastSecond = await _shop.PurchaseAsync(c[0], Launch.AddDays(14).AddSeconds(-1), 4);
        await _shop.PurchaseAsync(c[0], Launch.AddDays(14), 8);

        Assert.Equal(2, await _attributor.AttributeAsync(campaign.Id));

        Assert.Equal([atLaunch.Id, lastSecond.Id], (await ConversionsAsync()).Select(r => r.OrderId));
    }

    [Fact]
    public async Task Holdout_IsTouchedAtLaunch_AndLosesOrdersToALaterCampaignLikeTheTreatedArm()
    {
        // c1: A's holdout, later treated by B. c2: treated by A, later in B's holdout. c3: A's holdout only.
        var c = await _shop.CustomersAsync("United Kingdom", "United Kingdom", "United Kingdom");
        var (a, aHoldout, aTreated) = await _shop.CampaignAsync("A", Launch, 14, holdout: [c[0], c[2]], treated: [c[1]]);
        var (b, bHoldout, bTreated) = await _shop.CampaignAsync("B", Launch.AddDays(5), 14, holdout: [c[1]], treated: [c[0]]);
        var c1Early = await _shop.PurchaseAsync(c[0], Launch.AddDays(2), 1);
        var c1Late = await _shop.PurchaseAsync(c[0], Launch.AddDays(6), 2);
        var c2Early = await _shop.PurchaseAsync(c[1], Launch.AddDays(2), 4);
        var c2Late = await _shop.PurchaseAsync(c[1], Launch.AddDays(6), 8);
        var c3 = await _shop.PurchaseAsync(c[2], Launch.AddDays(6), 16);

        Assert.Equal(5, await _attributor.AttributeAsync([a.Id, b.Id]));

        Assert.Equal(
            [(a.Id, aHoldout.Id, c1Early.Id, 1.0), (a.Id, aTreated.Id, c2Early.Id, 4.0), (a.Id, aHoldout.Id, c3.Id, 16.0),
             (b.Id, bTreated.Id, c1Late.Id, 2.0), (b.Id, bHoldout.Id, c2Late.Id, 8.0)],
            await ConversionsAsync());
    }

    [Fact]
    public async Task Returns_AreNotAttributed_AndDoNotReduceThePurchase()
    {
        var c = await _shop.CustomersAsync("United Kingdom");
        var (campaign, _, _) = await _shop.CampaignAsync("Returns", Launch, 14, holdout: [], treated: [c[0]]);
        var purchase = await _shop.PurchaseAsync(c[0], Launch.AddDays(1), 30);
        await _shop.ReturnAsync(c[0], Launch.AddDays(3), 10);

        Assert.Equal(1, await _attributor.AttributeAsync(campaign.Id));

        Assert.Equal([(campaign.Id, (await VariantsAsync(campaign.Id))[OfferStrategy.Personalized], purchase.Id, 30.0)], await ConversionsAsync());
    }

    [Fact]
    public async Task Rerunning_GivesTheSameRows_AndLeavesOtherCampaignsAlone()
    {
        var c = await _shop.CustomersAsync("United Kingdom", "Germany");
        var (a, _, _) = await _shop.CampaignAsync("A", Launch, 14, holdout: [c[1]], treated: [c[0]]);
        var (b, _, _) = await _shop.CampaignAsync("B", Launch.AddDays(20), 14, holdout: [], treated: [c[0]]);
        await _shop.PurchaseAsync(c[0], Launch.AddDays(1), 5);
        await _shop.PurchaseAsync(c[1], Launch.AddDays(2), 6);
        await _shop.PurchaseAsync(c[0], Launch.AddDays(21), 7);
        Assert.Equal(3, await _attributor.AttributeAsync([a.Id, b.Id]));
        var first = await ConversionsAsync();

        Assert.Equal(2, await _attributor.AttributeAsync(a.Id));
        Assert.Equal(2, await _attributor.AttributeAsync(a.Id));

        Assert.Equal(first, await ConversionsAsync());
    }

    [Fact]
    public async Task Job_AttributesRunningCampaigns_AndCompletedOnesUntilAWeekAfterTheirWindow()
    {
        var now = Launch.AddDays(40);
        var c = await _shop.CustomersAsync("United Kingdom", "United Kingdom", "United Kingdom", "United Kingdom");
        var (running, _, _) = await _shop.CampaignAsync("Running", Launch.AddDays(35), 14, holdout: [], treated: [c[0]]);
        // Windows closed on day 34 (6 days ago) and on day 32 (8 days ago).
        var (recent, _, _) = await _shop.CampaignAsync("Recent", Launch.AddDays(20), 14, holdout: [], treated: [c[1]], CampaignStatus.Completed);
        await _shop.CampaignAsync("Old", Launch.AddDays(18), 14, holdout: [], treated: [c[2]], CampaignStatus.Completed);
        await _shop.CampaignAsync("Cancelled", Launch.AddDays(35), 14, holdout: [], treated: [c[3]], CampaignStatus.Cancelled);
        foreach (var customer in c)
        {
            await _shop.PurchaseAsync(customer, Launch.AddDays(36), 1);
        }

        var job = new AttributionJob(_db, _attributor, new FixedTimeProvider(now), NullLogger<AttributionJob>.Instance);

        Assert.Equal([running.Id, recent.Id], await job.CollectingOrdersAsync(CancellationToken.None));
        // c2's order on day 36 is outside Recent's window (days 20-34); only the running campaign's is attributed.
        Assert.Equal(1, await job.RunAsync(null, CancellationToken.None));
        Assert.Equal([running.Id], (await ConversionsAsync()).Select(r => r.CampaignId));
    }

    private async Task<List<(int CampaignId, int VariantId, int OrderId, double Revenue)>> ConversionsAsync()
    {
        await using var db = _db.CreateDbContext();
        var rows = await db.Conversions.OrderBy(r => r.CampaignId).ThenBy(r => r.OrderId).ToListAsync();
        return rows.Select(r => (r.CampaignId, r.VariantId, r.OrderId, r.Revenue)).ToList();
    }

    private async Task<Dictionary<OfferStrategy, int>> VariantsAsync(int campaignId)
    {
        await using var db = _db.CreateDbContext();
        return await db.CampaignVariants.Where(v => v.CampaignId == campaignId).ToDictionaryAsync(v => v.Strategy, v => v.Id);
    }
}
