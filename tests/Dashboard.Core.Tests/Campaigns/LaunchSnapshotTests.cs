using Dashboard.Core.Campaigns;
using Dashboard.Core.Customers;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Campaigns;

/// <summary>
/// The launch keeps each member's pre-treatment covariates on their promo-list entry. A campaign launched 2026-06-01
/// 10:00 with a 14-day window, so a pre-period of [2026-05-18 10:00, 2026-06-01 10:00), to three customers of £1 lines:
/// c1 (United Kingdom, Champions) bought 100 before the pre-period, 7 at its first instant, 30 and 12 inside it, returned
/// 5 inside it and bought 9 at the launch instant: 7 + 30 + 12 = 49. c2 (Germany) has no profile and no orders: no
/// segment, 0. c3 (France, Hibernating) bought 20 three days before launch: 20.
/// </summary>
public sealed class LaunchSnapshotTests : IDisposable
{
    private static readonly DateTime Launch = new(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Launch_WritesEachMembersSegmentCountryAndPrePeriodRevenue()
    {
        var (c1, c2, c3) = (TestShop.Customer("c1", "United Kingdom"), TestShop.Customer("c2", "Germany"), TestShop.Customer("c3", "France"));
        var pound = TestShop.Product("P1", "Books", price: 1m);
        await TestShop.SaveAsync(_db,
            c1, c2, c3, pound,
            TestShop.Purchase("before", c1, Launch.AddDays(-15), (pound, 100)),
            TestShop.Purchase("first-instant", c1, Launch.AddDays(-14), (pound, 7)),
            TestShop.Purchase("inside", c1, Launch.AddDays(-13), (pound, 30)),
            TestShop.Purchase("last-hour", c1, Launch.AddHours(-1), (pound, 12)),
            TestShop.Return("returned", c1, Launch.AddDays(-2), (pound, 5)),
            TestShop.Purchase("at-launch", c1, Launch, (pound, 9)),
            TestShop.Purchase("c3", c3, Launch.AddDays(-3), (pound, 20)));
        var campaign = new Campaign
        {
            Name = "Snapshot",
            Status = CampaignStatus.Scheduled,
            AttributionWindowDays = 14,
            CreatedAt = Launch.AddDays(-1),
            Variants = [new CampaignVariant { Name = "Holdout", IsControl = true, Strategy = OfferStrategy.None, TrafficShare = 1, ProductCount = 0 }],
        };
        await TestShop.SaveAsync(_db, campaign, Profile(c1, "Champions"), Profile(c3, "Hibernating"));

        await new CampaignLaunchJob(_db, TestServing.Create(_db, TimeProvider.System), new FixedTimeProvider(new DateTimeOffset(Launch)),
            NullLogger<CampaignLaunchJob>.Instance).RunAsync(campaign.Id, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var entries = await db.PromoListEntries.Where(e => e.CampaignId == campaign.Id)
            .ToDictionaryAsync(e => e.CustomerId, e => (e.Segment, e.Country, e.PreRevenue));
        Assert.Equal(
            new Dictionary<int, (string?, string, double)>
            {
                [c1.Id] = ("Champions", "United Kingdom", 49),
                [c2.Id] = (null, "Germany", 0),
                [c3.Id] = ("Hibernating", "France", 20),
            },
            entries);
    }

    private static CustomerProfile Profile(Customer customer, string segment) => new() { CustomerId = customer.Id, Segment = segment };
}
