using Dashboard.Core.Campaigns;
using Dashboard.Core.Models;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Overview;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Overview;

public sealed class OverviewServiceTests : IDisposable
{
    // "Today" is 2026-03-31, so the last 30 days are 2026-03-02 .. 2026-03-31 (inclusive).
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestDatabase _db = new();
    private readonly Shop _shop;
    private readonly OverviewService _service;

    public OverviewServiceTests()
    {
        _shop = new Shop(_db);
        _service = new OverviewService(_db, new FixedTimeProvider(Now));
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task GetAsync_CountsPurchasesAndSubtractsReturns_WhenWindowHasPurchasesAndAReturn()
    {
        await SeedMarchShopAsync();

        var overview = await _service.GetAsync();

        // Purchases in the window: 100.50 + 49.25 + 10.10 (anonymous); the 20.00 return is subtracted.
        Assert.Equal(3, overview.Orders);
        Assert.Equal(139.85m, overview.NetRevenue);
    }

    [Fact]
    public async Task GetAsync_ExcludesOrders_WhenPlacedBeforeTheThirtyDayWindow()
    {
        await SeedMarchShopAsync();

        var overview = await _service.GetAsync();

        // 999.00 one minute before the window and 500.00 in February would make these numbers larger.
        Assert.DoesNotContain(overview.Daily, d => d.Day < new DateOnly(2026, 3, 2));
        Assert.Equal(139.85m, overview.Daily.Sum(d => d.NetRevenue));
        Assert.Equal(new DateOnly(2026, 3, 31), overview.AsOf);
        Assert.False(overview.IsHistorical);
    }

    [Fact]
    public async Task GetAsync_CountsOnlyCustomersCreatedInWindowAsNew_WhenSomeAreOlder()
    {
        await SeedMarchShopAsync();

        var overview = await _service.GetAsync();

        Assert.Equal(4, overview.Customers);
        Assert.Equal(2, overview.NewCustomers);
    }

    [Fact]
    public async Task GetAsync_GroupsOrdersByCalendarDay_WhenSeveralFallOnOneDay()
    {
        await SeedMarchShopAsync();

        var overview = await _service.GetAsync();

        Assert.Equal(30, overview.Daily.Count);
        Assert.Equal(new DateOnly(2026, 3, 2), overview.Daily[0].Day);
        Assert.Equal(new DateOnly(2026, 3, 31), overview.Daily[^1].Day);
        Assert.Equal(new DailySales(new DateOnly(2026, 3, 2), 1, 49.25m), overview.Daily[0]);
        Assert.Equal(new DailySales(new DateOnly(2026, 3, 15), 0, -20.00m), overview.Daily[13]);
        Assert.Equal(new DailySales(new DateOnly(2026, 3, 30), 2, 110.60m), overview.Daily[28]);
        Assert.Equal(new DailySales(new DateOnly(2026, 3, 31), 0, 0m), overview.Daily[29]);
    }

    [Fact]
    public async Task GetAsync_EndsWindowAtNewestOrder_WhenDataIsHistorical()
    {
        var customer = await _shop.CustomerAsync("17850", Utc(2010, 12, 1));
        await _shop.PurchaseAsync(customer, Utc(2011, 12, 9, 12), 15.00m);
        await _shop.PurchaseAsync(customer, Utc(2011, 11, 10, 8), 5.00m);
        await _shop.PurchaseAsync(customer, Utc(2011, 11, 9, 23), 100.00m);

        var overview = await _service.GetAsync();

        Assert.Equal(new DateOnly(2011, 12, 9), overview.AsOf);
        Assert.True(overview.IsHistorical);
        Assert.Equal(new DateOnly(2011, 11, 10), overview.WindowStart);
        Assert.Equal(2, overview.Orders);
        Assert.Equal(20.00m, overview.NetRevenue);
    }

    [Fact]
    public async Task GetAsync_ReportsNoData_WhenDatabaseIsEmpty()
    {
        var overview = await _service.GetAsync();

        Assert.False(overview.HasData);
        Assert.Equal(new DateOnly(2026, 3, 31), overview.AsOf);
        Assert.Equal(0, overview.Customers);
        Assert.Equal(0m, overview.NetRevenue);
        Assert.Null(overview.LastPipelineRun);
        Assert.Equal(30, overview.Daily.Count);
        Assert.All(overview.Daily, d => Assert.Equal(0, d.Orders));
    }

    [Fact]
    public async Task GetAsync_CountsRunningCampaignsAndReturnsNewestPipelineRun_WhenSeveralExist()
    {
        await _shop.CampaignAsync("Spring promo", CampaignStatus.Running, Utc(2026, 3, 1));
        await _shop.CampaignAsync("Win-back", CampaignStatus.Running, Utc(2026, 3, 5));
        await _shop.CampaignAsync("Draft idea", CampaignStatus.Draft);
        await _shop.CampaignAsync("Winter sale", CampaignStatus.Completed, Utc(2026, 1, 5));
        await _shop.PipelineRunAsync(new PipelineRun { Trigger = "nightly", Status = RunStatus.Failed, StartedAt = Utc(2026, 3, 29, 2), FinishedAt = Utc(2026, 3, 29, 2, 1), Error = "disk full" });
        var newest = await _shop.PipelineRunAsync(new PipelineRun { Trigger = "manual", Status = RunStatus.Succeeded, StartedAt = Utc(2026, 3, 30, 2), FinishedAt = Utc(2026, 3, 30, 2, 5) });

        var overview = await _service.GetAsync();

        Assert.Equal(2, overview.ActiveCampaigns);
        Assert.NotNull(overview.LastPipelineRun);
        Assert.Equal(newest.Id, overview.LastPipelineRun.Id);
        Assert.Equal(RunStatus.Succeeded, overview.LastPipelineRun.Status);
        Assert.Equal(TimeSpan.FromMinutes(5), overview.LastPipelineRun.Duration);
    }

    [Theory]
    [InlineData(null, "2026-03-31", false)]
    [InlineData("2026-03-31", "2026-03-31", false)]
    [InlineData("2026-03-02", "2026-03-31", false)] // 29 days ago: still inside the window ending today
    [InlineData("2026-03-01", "2026-03-01", true)] // 30 days ago: nothing in the window, so the data is historical
    [InlineData("2011-12-09", "2011-12-09", true)]
    public void ResolveAsOf_ReturnsExpectedDay_WhenNewestOrderIs(string? newestOrder, string expectedAsOf, bool expectedHistorical)
    {
        var newest = newestOrder is null ? (DateTime?)null : DateTime.Parse(newestOrder, System.Globalization.CultureInfo.InvariantCulture);

        var (asOf, isHistorical) = OverviewService.ResolveAsOf(new DateOnly(2026, 3, 31), newest);

        Assert.Equal(DateOnly.Parse(expectedAsOf, System.Globalization.CultureInfo.InvariantCulture), asOf);
        Assert.Equal(expectedHistorical, isHistorical);
    }

    /// <summary>
    /// Four customers (two created in the window, one a minute before it) and six orders:
    /// in the window 100.50 + 49.25 + 10.10 purchases and a 20.00 return; outside it 999.00 and 500.00.
    /// </summary>
    private async Task SeedMarchShopAsync()
    {
        var regular = await _shop.CustomerAsync("C1", Utc(2025, 6, 1));
        var newcomer = await _shop.CustomerAsync("C2", Utc(2026, 3, 10));
        await _shop.CustomerAsync("C3", Utc(2026, 3, 2, 0));
        await _shop.CustomerAsync("C4", Utc(2026, 3, 1, 23, 59));

        await _shop.PurchaseAsync(regular, Utc(2026, 3, 30, 14), 100.50m);
        await _shop.PurchaseAsync(null, Utc(2026, 3, 30, 9), 10.10m);
        await _shop.PurchaseAsync(newcomer, Utc(2026, 3, 2, 0), 49.25m);
        await _shop.ReturnAsync(regular, Utc(2026, 3, 15, 11), 20.00m);
        await _shop.PurchaseAsync(newcomer, Utc(2026, 3, 1, 23, 59), 999.00m);
        await _shop.PurchaseAsync(regular, Utc(2026, 2, 10, 16), 500.00m);
    }

    private static DateTime Utc(int year, int month, int day, int hour = 12, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
