using Dashboard.Core.Events;
using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>
/// Sums over a hand-made campaign launched 2026-06-01 10:00 with a 14-day window (pre-period from 2026-05-18 10:00):
/// treated c1 (UK, Champions) buys 10 + 20 and bought 5 before; c2 (UK, Champions) bought 40 before (and 100 before the
/// pre-period); c3 (Germany, no profile) buys 15. Holdout c4 (UK, Champions) buys 8 and bought 8 before; c5 (Germany,
/// Hibernating) buys nothing. Segments are those at launch: c3 and c5 are profiled anew after it, which changes nothing.
/// </summary>
public sealed class ExperimentAggregatesTests : IDisposable
{
    private static readonly DateTime Launch = HandMadeExperiment.Launch;
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Sums_PerVariant_PerSegment_PerCountry_FunnelAndDailySeries()
    {
        var shop = new HandMadeExperiment(_db);
        var c = await shop.CustomersAsync("United Kingdom", "United Kingdom", "Germany", "United Kingdom", "Germany", "France");
        await TestShop.SaveAsync(_db, Profile(c[0].Id, "Champions"), Profile(c[1].Id, "Champions"), Profile(c[3].Id, "Champions"), Profile(c[4].Id, "Hibernating"));
        await shop.PurchaseAsync(c[0], Launch.AddDays(-2), 5);
        await shop.PurchaseAsync(c[1], Launch.AddDays(-10), 40);
        await shop.PurchaseAsync(c[1], Launch.AddDays(-20), 100);
        await shop.PurchaseAsync(c[3], Launch.AddDays(-1), 8);
        var (campaign, holdout, treated) = await shop.CampaignAsync("Summed", Launch, 14, holdout: [c[3], c[4]], treated: [c[0], c[1], c[2]]);
        await using (var db = _db.CreateDbContext())
        {
            await db.Profiles.Where(p => p.CustomerId == c[4].Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Segment, "Champions"));
        }

        await TestShop.SaveAsync(_db,
            Profile(c[2].Id, "New"),
            HandMadeExperiment.Exposure(campaign, treated, c[0], ExposureKind.Delivered, Launch.AddMinutes(1)),
            HandMadeExperiment.Exposure(campaign, treated, c[1], ExposureKind.Delivered, Launch.AddMinutes(1)),
            HandMadeExperiment.Exposure(campaign, treated, c[0], ExposureKind.Opened, Launch.AddHours(1)),
            // c1's open also came as an event (counted once); c2's only as events; c6 is no member of the campaign.
            EmailEvent(c[0].Id, EventType.EmailOpen, campaign.Id), EmailEvent(c[1].Id, EventType.EmailOpen, campaign.Id),
            EmailEvent(c[1].Id, EventType.EmailClick, campaign.Id), EmailEvent(c[5].Id, EventType.EmailClick, campaign.Id));
        await shop.PurchaseAsync(c[0], Launch.AddDays(1), 10);
        await shop.PurchaseAsync(c[0], Launch.AddDays(3), 20);
        await shop.PurchaseAsync(c[2], Launch.AddDays(1), 15);
        await shop.PurchaseAsync(c[3], Launch.AddDays(3), 8);
        await new ConversionAttributor(_db).AttributeAsync(campaign.Id);
        var clock = new FixedTimeProvider(new DateTimeOffset(Launch.AddDays(4).AddHours(2)));

        var outcomes = await new ExperimentAggregates(_db, clock).GetAsync(campaign.Id);

        Assert.NotNull(outcomes);
        Assert.Equal(Launch.AddDays(-14), outcomes.PrePeriodStart);
        // Treated: revenue 30, 0, 15; pre 5, 40, 0. Sum of squares 900 + 225; pre 25 + 1600; cross 5 x 30.
        Assert.Equal(
            [new(holdout.Id, null, new(2, 1, 8, 64, 8, 64, 64)), new(treated.Id, null, new OutcomeSums(3, 2, 45, 1125, 45, 1625, 150))],
            outcomes.Variants);
        Assert.Equal(
            [
                new(holdout.Id, "Champions", new(1, 1, 8, 64, 8, 64, 64)), new(holdout.Id, "Hibernating", new(1, 0, 0, 0, 0, 0, 0)),
                new(treated.Id, "Champions", new(2, 1, 30, 900, 45, 1625, 150)), new(treated.Id, ExperimentAggregates.NoProfile, new OutcomeSums(1, 1, 15, 225, 0, 0, 0)),
            ],
            outcomes.BySegment);
        Assert.Equal(
            [
                new(holdout.Id, "Germany", new(1, 0, 0, 0, 0, 0, 0)), new(holdout.Id, "United Kingdom", new(1, 1, 8, 64, 8, 64, 64)),
                new(treated.Id, "Germany", new(1, 1, 15, 225, 0, 0, 0)), new(treated.Id, "United Kingdom", new OutcomeSums(2, 1, 30, 900, 45, 1625, 150)),
            ],
            outcomes.ByCountry);
        Assert.Equal([new(holdout.Id, 0, 0, 0, 0), new VariantFunnel(treated.Id, 3, 2, 2, 1)], outcomes.Funnel);

        // Days 1 June .. 5 June (the clock's day). c1 and c3 convert on 2 June (10 and 15), c1 and c4 again on 4 June
        // (c1 now 30: squares 30² + 15² = 1125).
        var june = (int day) => new DateOnly(2026, 6, day);
        Assert.Equal(
            [
                new(june(1), holdout.Id, 2, 0, 0, 0), new(june(1), treated.Id, 3, 0, 0, 0),
                new(june(2), holdout.Id, 2, 0, 0, 0), new(june(2), treated.Id, 3, 2, 25, 325),
                new(june(3), holdout.Id, 2, 0, 0, 0), new(june(3), treated.Id, 3, 2, 25, 325),
                new(june(4), holdout.Id, 2, 1, 8, 64), new(june(4), treated.Id, 3, 2, 45, 1125),
                new DailyOutcomeSums(june(5), holdout.Id, 2, 1, 8, 64), new(june(5), treated.Id, 3, 2, 45, 1125),
            ],
            outcomes.Daily);
    }

    [Fact]
    public async Task NotLaunched_HasNoOutcomes()
    {
        await TestShop.SaveAsync(_db, new Dashboard.Core.Campaigns.Campaign { Name = "Draft" });

        Assert.Null(await new ExperimentAggregates(_db, TimeProvider.System).GetAsync(1));
    }

    private static CustomerProfile Profile(int customerId, string segment) => new() { CustomerId = customerId, Segment = segment };

    private static BehaviorEvent EmailEvent(int customerId, EventType type, int campaignId) =>
        new() { CustomerId = customerId, SessionId = $"mail-{customerId}", Type = type, OccurredAt = Launch.AddHours(2), CampaignId = campaignId };
}
