using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Customers;

public sealed class CustomerListServiceTests : IDisposable
{
    private static readonly DateTime Created = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly SqliteTestDatabase _db = new();
    private readonly Shop _shop;
    private readonly CustomerListService _service;

    public CustomerListServiceTests()
    {
        _shop = new Shop(_db);
        _service = new CustomerListService(_db, TestStaff.For(Roles.CrmStaff));
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task SearchAsync_ReturnsCustomerWithoutProfileColumns_WhenNoProfileExists()
    {
        var profiled = await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await _shop.CustomerAsync("C-2", Created, "bob@example.com", "Bob", "Baker");
        await _shop.ProfileAsync(profiled, "Champions", frequency: 12, monetary: 1540.5, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));

        var page = await _service.SearchAsync(new CustomerQuery(null, CustomerSort.ExternalId, false, 0, 25));

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["C-1", "C-2"], page.Rows.Select(r => r.ExternalId));
        Assert.Equal(("Champions", 12, 1540.5), (page.Rows[0].Segment, page.Rows[0].Frequency!.Value, page.Rows[0].Monetary!.Value));
        Assert.Equal("Ann Archer", page.Rows[0].Name);
        Assert.Null(page.Rows[1].Segment);
        Assert.Null(page.Rows[1].Frequency);
        Assert.Null(page.Rows[1].LastPurchaseAt);
    }

    [Theory]
    [InlineData("ANN@EXAMPLE")]
    [InlineData("archer")]
    [InlineData("ann arch")]
    [InlineData("C-1")]
    public async Task SearchAsync_FindsCustomer_WhenTermMatchesIdNameOrEmailInAnyCase(string term)
    {
        await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await _shop.CustomerAsync("C-2", Created, "bob@example.com", "Bob", "Baker");

        var page = await _service.SearchAsync(new CustomerQuery(term, CustomerSort.ExternalId, false, 0, 25));

        Assert.Equal(1, page.TotalCount);
        Assert.Equal("C-1", Assert.Single(page.Rows).ExternalId);
    }

    [Fact]
    public async Task SearchAsync_TreatsPercentAsLiteral_WhenTermContainsLikeWildcards()
    {
        await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await _shop.CustomerAsync("50%-off", Created, "promo@example.com", "Promo", "Tester");

        var page = await _service.SearchAsync(new CustomerQuery("%", CustomerSort.ExternalId, false, 0, 25));

        Assert.Equal("50%-off", Assert.Single(page.Rows).ExternalId);
    }

    [Fact]
    public async Task SearchAsync_ReturnsRequestedPageInSortOrder_WhenSortedByMonetaryDescending()
    {
        var lastPurchase = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= 5; i++)
        {
            var customer = await _shop.CustomerAsync($"C-{i}", Created);
            await _shop.ProfileAsync(customer, "Loyal", frequency: i, monetary: i * 100, lastPurchase);
        }

        var page = await _service.SearchAsync(new CustomerQuery(null, CustomerSort.Monetary, Descending: true, Page: 1, PageSize: 2));

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(["C-3", "C-2"], page.Rows.Select(r => r.ExternalId));
    }

    [Fact]
    public async Task SearchAsync_MasksEmailButShowsName_ForRoleWithPersonalData()
    {
        await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");

        var row = Assert.Single((await _service.SearchAsync(new CustomerQuery(null, CustomerSort.ExternalId, false, 0, 25))).Rows);

        Assert.Equal(("Ann Archer", "a•••@e•••.com"), (row.Name, row.Email));
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.MarketingManager)]
    public async Task SearchAsync_MasksNameAndEmail_ForRoleWithoutPersonalData(string role)
    {
        await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        var service = new CustomerListService(_db, TestStaff.For(role));

        var page = await service.SearchAsync(new CustomerQuery(null, CustomerSort.ExternalId, false, 0, 25));

        var row = Assert.Single(page.Rows);
        Assert.Equal(("A. A.", "a•••@e•••.com"), (row.Name, row.Email));
        Assert.False(page.CanSearchPersonalData);
    }

    [Theory]
    [InlineData("ann@example.com", 0)]
    [InlineData("Archer", 0)]
    [InlineData("C-1", 1)]
    public async Task SearchAsync_MatchesCustomerIdOnly_ForRoleWithoutPersonalData(string term, int expected)
    {
        await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        var service = new CustomerListService(_db, TestStaff.For(Roles.Analyst));

        var page = await service.SearchAsync(new CustomerQuery(term, CustomerSort.ExternalId, false, 0, 25));

        Assert.Equal(expected, page.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_FiltersBySegmentCountryAndLastPurchase_Together()
    {
        var last = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var ann = await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        var bob = await _shop.CustomerAsync("C-2", Created, "bob@example.com", "Bob", "Baker", country: "France");
        var cat = await _shop.CustomerAsync("C-3", Created, "cat@example.com", "Cat", "Cole");
        await _shop.CustomerAsync("C-4", Created, "dan@example.com", "Dan", "Dale");
        await _shop.ProfileAsync(ann, "Champions", 9, 900, last, recencyDays: 12);
        await _shop.ProfileAsync(bob, "Champions", 8, 800, last, recencyDays: 20);
        await _shop.ProfileAsync(cat, "At Risk", 3, 300, last, recencyDays: 200);

        async Task<string[]> Ids(CustomerFilter filter) =>
            [.. (await _service.SearchAsync(new CustomerQuery(null, CustomerSort.ExternalId, false, 0, 25, filter))).Rows.Select(r => r.ExternalId)];

        Assert.Equal(["C-1", "C-2"], await Ids(new CustomerFilter(Segment: "Champions")));
        Assert.Equal(["C-1"], await Ids(new CustomerFilter(Segment: "Champions", Country: "United Kingdom")));
        Assert.Equal(["C-1", "C-2"], await Ids(new CustomerFilter(LastPurchase: LastPurchaseBand.Within30Days)));
        Assert.Equal(["C-1", "C-2", "C-3"], await Ids(new CustomerFilter(LastPurchase: LastPurchaseBand.Within365Days)));
        Assert.Equal(["C-4"], await Ids(new CustomerFilter(LastPurchase: LastPurchaseBand.Never)));
        Assert.Empty(await Ids(new CustomerFilter(LastPurchase: LastPurchaseBand.Over365Days)));
    }

    [Fact]
    public async Task CountriesAsync_ListsEachCountryOnce_InOrder()
    {
        await _shop.CustomerAsync("C-1", Created, country: "United Kingdom");
        await _shop.CustomerAsync("C-2", Created, country: "France");
        await _shop.CustomerAsync("C-3", Created, country: "France");

        Assert.Equal(["France", "United Kingdom"], await _service.CountriesAsync());
    }

    [Fact]
    public async Task SearchAsync_FiltersByCluster()
    {
        var last = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var ann = await _shop.CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        var bob = await _shop.CustomerAsync("C-2", Created, "bob@example.com", "Bob", "Baker");
        await _shop.ProfileAsync(ann, "Champions", 9, 900, last, recencyDays: 12);
        await _shop.ProfileAsync(bob, "Champions", 8, 800, last, recencyDays: 20);
        await using (var db = _db.CreateDbContext())
        {
            await db.Profiles.Where(p => p.CustomerId == bob.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Cluster, 2));
        }

        var page = await _service.SearchAsync(new CustomerQuery(null, CustomerSort.ExternalId, false, 0, 25, new CustomerFilter(Cluster: 2)));

        Assert.Equal("C-2", Assert.Single(page.Rows).ExternalId);
    }

    [Fact]
    public async Task ClustersAsync_ListsClusterSegmentsByNumber()
    {
        var at = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = _db.CreateDbContext())
        {
            db.Segments.AddRange(
                new Dashboard.Core.Profiles.Segment { Name = "Cluster 2: Low spenders", Kind = Dashboard.Core.Profiles.SegmentKind.Cluster, ComputedAt = at },
                new Dashboard.Core.Profiles.Segment { Name = "Cluster 1: High spenders", Kind = Dashboard.Core.Profiles.SegmentKind.Cluster, ComputedAt = at },
                new Dashboard.Core.Profiles.Segment { Name = "Champions", Kind = Dashboard.Core.Profiles.SegmentKind.Rfm, ComputedAt = at });
            await db.SaveChangesAsync();
        }

        Assert.Equal([(1, "Cluster 1: High spenders"), (2, "Cluster 2: Low spenders")], await _service.ClustersAsync());
    }

    [Fact]
    public async Task SearchAsync_FiltersByChurnBand_WithBoundariesInTheBandAbove()
    {
        await ScoredCustomersAsync(("C-1", 0.05), ("C-2", 0.3), ("C-3", 0.59), ("C-4", 0.6), ("C-5", null));
        await _shop.CustomerAsync("C-6", Created);

        async Task<string[]> Ids(ChurnBand band) =>
            [.. (await _service.SearchAsync(new CustomerQuery(null, CustomerSort.ExternalId, false, 0, 25, new CustomerFilter(Churn: band)))).Rows.Select(r => r.ExternalId)];

        Assert.Equal(["C-1"], await Ids(ChurnBand.Low));
        Assert.Equal(["C-2", "C-3"], await Ids(ChurnBand.Medium));
        Assert.Equal(["C-4"], await Ids(ChurnBand.High));
        // Unscored: a profile without a churn score, and a customer without a profile at all.
        Assert.Equal(["C-5", "C-6"], await Ids(ChurnBand.NotScored));
    }

    [Fact]
    public async Task SearchAsync_CombinesChurnBandWithOtherFilters()
    {
        await ScoredCustomersAsync(("C-1", 0.7), ("C-2", 0.8));
        await using (var db = _db.CreateDbContext())
        {
            await db.Customers.Where(c => c.ExternalId == "C-2").ExecuteUpdateAsync(s => s.SetProperty(c => c.Country, "France"));
        }

        var page = await _service.SearchAsync(new CustomerQuery(null, CustomerSort.ExternalId, false, 0, 25, new CustomerFilter(Country: "France", Churn: ChurnBand.High)));

        Assert.Equal(1, page.TotalCount);
        Assert.Equal("C-2", Assert.Single(page.Rows).ExternalId);
    }

    [Fact]
    public async Task SearchAsync_ReturnsChurnRiskAndSortsByIt_WithUnscoredLast_WhenDescending()
    {
        await ScoredCustomersAsync(("C-1", 0.2), ("C-2", 0.8), ("C-3", null), ("C-4", 0.5));

        var page = await _service.SearchAsync(new CustomerQuery(null, CustomerSort.ChurnRisk, Descending: true, 0, 25));

        Assert.Equal(["C-2", "C-4", "C-1", "C-3"], page.Rows.Select(r => r.ExternalId));
        Assert.Equal([0.8, 0.5, 0.2, null], page.Rows.Select(r => r.ChurnRisk));
    }

    /// <summary>Profiled customers with these churn risks (null: not scored).</summary>
    private async Task ScoredCustomersAsync(params (string Id, double? ChurnRisk)[] customers)
    {
        var last = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (id, risk) in customers)
        {
            var customer = await _shop.CustomerAsync(id, Created);
            await _shop.ProfileAsync(customer, "Loyal", 2, 100, last, recencyDays: 30);
            await using var db = _db.CreateDbContext();
            await db.Profiles.Where(p => p.CustomerId == customer.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.ChurnRisk, risk));
        }
    }
}
