using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns.Budget;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Orders;
using Dashboard.Core.Profiles;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Campaigns.Budget;

/// <summary>
/// An audience of 500 Champions (expected value 20 each), 400 Loyal (10 each, 100 of them unscored), 400 Hibernating
/// (2 each) and one customer without a profile, with past campaigns whose holdouts measure some segments and not others.
/// </summary>
public sealed class SegmentUpliftEstimatesTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly SegmentUpliftEstimates _estimates;
    private int _invoice;

    public SegmentUpliftEstimatesTests() => _estimates = new SegmentUpliftEstimates(_db, new FixedTimeProvider(TestShop.Today));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ForCampaign_SumsTheAudiencePerSegment_AndMeasuresUpliftWhereHoldoutsAreLargeEnough()
    {
        var (champions, loyal, hibernating) = await SeedAudienceAsync();
        var target = await CampaignAsync("Paid social push", CampaignStatus.Draft);

        // Campaign 1: Champions 300 contacted (3,300: 11 a member) against 200 held out (2,000: 10 a member), lift 10 %.
        // Loyal's holdout of 100 and Hibernating's holdout without revenue measure nothing.
        var first = await CampaignAsync("Spring", CampaignStatus.Completed);
        await ListAsync(first, champions[..300], champions[300..]);
        await ConvertAsync(first, treated: true, (champions[0], 1_100), (champions[1], 1_100), (champions[2], 1_100));
        await ConvertAsync(first, treated: false, (champions[300], 1_000), (champions[301], 1_000));
        await ListAsync(first, loyal[..300], loyal[300..]);
        await ConvertAsync(first, treated: true, (loyal[0], 500));
        await ConvertAsync(first, treated: false, (loyal[300], 100));
        await ListAsync(first, hibernating[..200], hibernating[200..]);
        await ConvertAsync(first, treated: true, (hibernating[0], 500));

        // Campaign 2: Champions 200 (2,600: 13 a member) against 200 (2,000: 10 a member), lift 30 %.
        var second = await CampaignAsync("Summer", CampaignStatus.Completed);
        await ListAsync(second, champions[..200], champions[200..400]);
        await ConvertAsync(second, treated: true, (champions[0], 1_300), (champions[1], 1_300));
        await ConvertAsync(second, treated: false, (champions[200], 1_000), (champions[201], 1_000));

        // A running campaign is not evidence yet: counted, its -100 % lift would pull the Champions' uplift down.
        var running = await CampaignAsync("Autumn", CampaignStatus.Running);
        await ListAsync(running, champions[..250], champions[250..]);
        await ConvertAsync(running, treated: false, (champions[250], 5_000));

        var estimate = await _estimates.ForCampaignAsync(target.Id);

        Assert.NotNull(estimate);
        Assert.Equal(1_301, estimate.Members);
        Assert.Equal(1, estimate.MembersWithoutProfile);
        Assert.Equal(["Champions", "Loyal", "Hibernating"], estimate.Segments.Select(s => s.Segment));
        Assert.Equal([500, 400, 400], estimate.Segments.Select(s => s.Members));
        Assert.Equal([0, 100, 0], estimate.Segments.Select(s => s.MembersWithoutValue));
        Assert.Equal([10_000.0, 3_000.0, 800.0], estimate.Segments.Select(s => s.ExpectedValue));

        // Weights n_t n_h / (n_t + n_h): 300 x 200 / 500 = 120 and 200 x 200 / 400 = 100, so (120 x 0.1 + 100 x 0.3) / 220.
        var measured = Assert.IsType<MeasuredUplift>(estimate.Segments[0].MeasuredUplift);
        Assert.Equal(42.0 / 220, measured.Rate, 12);
        Assert.Equal(2, measured.Campaigns);
        Assert.Null(estimate.Segments[1].MeasuredUplift);
        Assert.Null(estimate.Segments[2].MeasuredUplift);

        var demands = estimate.Segments.Select(s => s.Demand(assumedUplift: 0.1)).ToList();
        Assert.Equal(10_000 * 42.0 / 220, demands[0].ExpectedIncrementalRevenue, 9);
        Assert.Equal([300.0, 80.0], demands.Skip(1).Select(d => Math.Round(d.ExpectedIncrementalRevenue, 9)));
    }

    [Fact]
    public async Task ForCampaign_KeepsToTheAudienceRules()
    {
        await SeedAudienceAsync();
        var target = await CampaignAsync("Win back", CampaignStatus.Draft, AudienceRules.AllOf(AudienceCondition.In(AudienceField.Segment, "Hibernating")));

        var estimate = await _estimates.ForCampaignAsync(target.Id);

        Assert.NotNull(estimate);
        var segment = Assert.Single(estimate.Segments);
        Assert.Equal(("Hibernating", 400, 800.0), (segment.Segment, segment.Members, segment.ExpectedValue));
        Assert.Equal(0, estimate.MembersWithoutProfile);
    }

    [Fact]
    public async Task ForCampaign_ReturnsNull_ForAnUnknownCampaign()
    {
        Assert.Null(await _estimates.ForCampaignAsync(404));
    }

    private async Task<(Customer[] Champions, Customer[] Loyal, Customer[] Hibernating)> SeedAudienceAsync()
    {
        var champions = Customers("champion", 500);
        var loyal = Customers("loyal", 400);
        var hibernating = Customers("hibernating", 400);
        var optedOut = Customers("opted-out", 1);
        optedOut[0].AdsOptIn = false;
        var newcomer = Customers("newcomer", 1);
        await TestShop.SaveAsync(_db, [.. champions, .. loyal, .. hibernating, .. optedOut, .. newcomer]);

        await TestShop.SaveAsync(_db, [
            .. champions.Select(c => Profile(c, "Champions", 20)),
            .. loyal.Select((c, i) => Profile(c, "Loyal", i < 300 ? 10 : null)),
            .. hibernating.Select(c => Profile(c, "Hibernating", 2)),
            Profile(optedOut[0], "Champions", 1_000),
        ]);
        return (champions, loyal, hibernating);
    }

    private static Customer[] Customers(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var customer = TestShop.Customer($"{prefix}-{i}");
            customer.AdsOptIn = true;
            return customer;
        })];

    private static CustomerProfile Profile(Customer customer, string segment, double? expectedValue) =>
        new() { CustomerId = customer.Id, Segment = segment, ExpectedValue90d = expectedValue, ReferenceDate = TestShop.Today, ComputedAt = TestShop.Today };

    /// <summary>A paid-social campaign; past campaigns have a contacted variant and a holdout.</summary>
    private async Task<Campaign> CampaignAsync(string name, CampaignStatus status, AudienceRules? rules = null)
    {
        var campaign = new Campaign
        {
            Name = name,
            Status = status,
            Channel = CampaignChannel.PaidSocial,
            CreatedAt = TestShop.Today.AddDays(-100),
            Audience = new Audience { Name = $"{name} audience", RulesJson = (rules ?? new AudienceRules()).ToJson(), CreatedAt = TestShop.Today.AddDays(-100) },
            Variants =
            [
                new CampaignVariant { Name = "Personalized", IsControl = true, Strategy = OfferStrategy.Personalized, TrafficShare = 0.6 },
                new CampaignVariant { Name = "Holdout", Strategy = OfferStrategy.None, TrafficShare = 0.4 },
            ],
        };
        await TestShop.SaveAsync(_db, campaign);
        return campaign;
    }

    private async Task ListAsync(Campaign campaign, Customer[] treated, Customer[] holdout) =>
        await TestShop.SaveAsync(_db, [
            .. treated.Select(c => Entry(campaign, Variant(campaign, treated: true), c)),
            .. holdout.Select(c => Entry(campaign, Variant(campaign, treated: false), c)),
        ]);

    private static PromoListEntry Entry(Campaign campaign, CampaignVariant variant, Customer customer) =>
        new() { CampaignId = campaign.Id, VariantId = variant.Id, CustomerId = customer.Id, Country = customer.Country, CreatedAt = TestShop.Today.AddDays(-90) };

    /// <summary>One attributed order per buyer, of the given value.</summary>
    private async Task ConvertAsync(Campaign campaign, bool treated, params (Customer Buyer, double Revenue)[] orders)
    {
        var placed = orders.Select(o => new Order
        {
            InvoiceNo = $"{++_invoice:D6}",
            CustomerId = o.Buyer.Id,
            PlacedAt = TestShop.Today.AddDays(-85),
            Country = o.Buyer.Country,
            Total = (decimal)o.Revenue,
        }).ToList();
        await TestShop.SaveAsync(_db, [.. placed]);
        var variant = Variant(campaign, treated);
        await TestShop.SaveAsync(_db, [.. orders.Zip(placed, (o, order) => new Conversion
        {
            CampaignId = campaign.Id,
            VariantId = variant.Id,
            CustomerId = o.Buyer.Id,
            OrderId = order.Id,
            Revenue = o.Revenue,
            ConvertedAt = order.PlacedAt,
        })]);
    }

    private static CampaignVariant Variant(Campaign campaign, bool treated) =>
        campaign.Variants.Single(v => (v.Strategy != OfferStrategy.None) == treated);
}
