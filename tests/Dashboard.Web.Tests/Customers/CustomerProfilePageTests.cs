using Bunit;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Security;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;
using Dashboard.Core.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Customers;

public sealed class CustomerProfilePageTests : DashboardComponentTest
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Created = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Render_ShowsContactDetails_AndAuditsTheView_ForCrmStaff()
    {
        SignInAs(Roles.CrmStaff);
        AddPageServices();
        var db = UseDatabase(Now);
        var ann = await new Shop(db).CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");

        var cut = Render<CustomerProfilePage>(p => p.Add(x => x.Id, ann.Id));
        cut.WaitForElement("[data-testid=contact-email]", LoadTimeout);

        Assert.Contains("ann@example.com", cut.Find("[data-testid=contact-email]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ann Archer", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=masked-note]"));
        var entry = await WaitForAuditAsync(db);
        Assert.Equal((AuditActions.ProfileViewed, AuditEntities.Customer, ann.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "contact details shown"),
            (entry.Action, entry.EntityType, entry.EntityId, entry.Details));
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.MarketingManager)]
    public async Task Render_MasksContactDetails_ForRolesWithoutPersonalData(string role)
    {
        SignInAs(role);
        AddPageServices();
        var db = UseDatabase(Now);
        var ann = await new Shop(db).CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");

        var cut = Render<CustomerProfilePage>(p => p.Add(x => x.Id, ann.Id));
        cut.WaitForElement("[data-testid=masked-note]", LoadTimeout);

        Assert.DoesNotContain("ann@example.com", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Archer", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("a•••@e•••.com", cut.Find("[data-testid=contact-email]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=export-data]"));
        Assert.Equal("contact details masked", (await WaitForAuditAsync(db)).Details);
    }

    [Fact]
    public async Task Render_ShowsBuyingHabits_FromTheProfile()
    {
        SignInAs(Roles.Analyst);
        AddPageServices();
        var db = UseDatabase(Now);
        var ann = await new Shop(db).CustomerAsync("C-1", Created, "ann@example.com", "Ann", "Archer");
        await using (var context = db.CreateDbContext())
        {
            context.Profiles.Add(new Dashboard.Core.Profiles.CustomerProfile
            {
                CustomerId = ann.Id, Segment = "Loyal", Frequency = 4, Monetary = 180, RecencyDays = 12, TenureDays = 200,
                AverageOrderValue = 48.5, ReturnRate = 0.07, DistinctProducts = 9, PreferredWeekday = DayOfWeek.Saturday, PreferredHour = 20,
                TopCategories = [new() { Category = "Kitchen", Share = 0.6 }, new() { Category = "Garden", Share = 0.25 }],
                Cluster = 1, ReferenceDate = Created, ComputedAt = Created,
            });
            context.Segments.Add(new Dashboard.Core.Profiles.Segment { Name = "Cluster 1: Buy often, high spenders", Kind = Dashboard.Core.Profiles.SegmentKind.Cluster, ComputedAt = Created });
            await context.SaveChangesAsync();
        }

        var cut = Render<CustomerProfilePage>(p => p.Add(x => x.Id, ann.Id));
        cut.WaitForElement("[data-testid=buying-habits]", LoadTimeout);

        var habits = cut.Find("[data-testid=buying-habits]").TextContent;
        Assert.Contains("200 days", habits, StringComparison.Ordinal);
        Assert.Contains("48.50", habits, StringComparison.Ordinal);
        Assert.Contains("7.0 %", habits, StringComparison.Ordinal);
        Assert.Contains("Saturdays around 20:00 UTC", habits, StringComparison.Ordinal);
        Assert.Contains("Kitchen", habits, StringComparison.Ordinal);
        Assert.Contains("60.0 %", habits, StringComparison.Ordinal);
        Assert.Equal("Cluster 1: Buy often, high spenders", cut.Find("[data-testid=cluster]").TextContent);
    }

    [Fact]
    public async Task Render_ShowsRfmAffinityTimelineAndRecommendations_ForAProfiledCustomer()
    {
        SignInAs(Roles.CrmStaff);
        AddPageServices();
        var db = UseDatabase(Now);
        var history = new HistoryShop(db);
        var ann = await history.CustomerAsync("C-1");
        var mug = await history.ProductAsync("Blue mug");
        await history.OrderAsync(ann, HistoryShop.Start, OrderKind.Purchase, (mug, 3));
        await history.EventAsync(ann, HistoryShop.Start.AddHours(1), EventType.View, mug);
        await using (var context = db.CreateDbContext())
        {
            context.Profiles.Add(new Dashboard.Core.Profiles.CustomerProfile
            {
                CustomerId = ann.Id, Segment = "Champions", RecencyScore = 5, FrequencyScore = 4, MonetaryScore = 2, RecencyDays = 3, Frequency = 1, Monetary = 30,
                TopCategories = [new() { Category = "Kitchen", Share = 1.0 }], ReferenceDate = Created, ComputedAt = Created,
            });
            await context.SaveChangesAsync();
        }

        var cut = Render<CustomerProfilePage>(p => p.Add(x => x.Id, ann.Id));
        cut.WaitForState(() => cut.FindAll("[data-testid=timeline] tbody tr.mud-table-row").Count == 2, LoadTimeout);
        cut.WaitForElement("[data-testid=recommendation]", LoadTimeout);

        Assert.Equal(["5 / 5", "4 / 5", "2 / 5"], cut.FindAll("[data-testid=rfm-score]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Kitchen 100.0 %"], cut.FindComponent<CategoryAffinityChart>().FindComponent<MudBlazor.MudChart<double>>().Instance.ChartLabels);
        // No recommender champion yet: the card shows the best-sellers and says why.
        Assert.StartsWith("Best-sellers: no recommender champion has been trained yet.", cut.Find("[data-testid=recommendations-model]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("Recent orders", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_RecommendsNothing_ToAnErasedCustomer()
    {
        SignInAs(Roles.CrmStaff);
        AddPageServices();
        var db = UseDatabase(Now);
        var erased = await new HistoryShop(db).CustomerAsync("C-9", erasedAt: Created);

        var cut = Render<CustomerProfilePage>(p => p.Add(x => x.Id, erased.Id));
        cut.WaitForElement("[data-testid=recommendations-empty]", LoadTimeout);

        Assert.NotNull(cut.Find("[data-testid=erased]"));
        Assert.Contains("Personal data erased", cut.Find("[data-testid=recommendations-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=recommendation]"));
    }

    /// <summary>What the page needs beyond the pages' own services: in the app AddPipeline registers these.</summary>
    private void AddPageServices()
    {
        Services.AddTransient<CustomerEraser>();
        Services.AddServing();
    }

    private static async Task<AuditEntry> WaitForAuditAsync(Core.Tests.Infrastructure.SqliteTestDatabase database)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var db = database.CreateDbContext();
            if (await db.AuditEntries.SingleOrDefaultAsync() is { } entry)
            {
                return entry;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no audit entry was written");
    }
}
