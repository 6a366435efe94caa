using Dashboard.Core.Campaigns;
using Dashboard.Core.Customers;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Campaigns;

/// <summary>One arm of a launched test campaign: its plan and how many members the promo list put in it.</summary>
public sealed record Arm(string Name, OfferStrategy Strategy, double PlannedShare, int Members);

/// <summary>Writes launched campaigns straight into a test database: variants, customers and their promo-list entries.</summary>
public static class LaunchedCampaigns
{
    private static readonly DateTime LaunchedAt = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A running campaign whose arms hold the given numbers of members (customers C-0001, C-0002, ... in arm order).
    /// <paramref name="entry"/> fills in each entry's coupon, offers and scores.
    /// </summary>
    public static async Task<Campaign> AddAsync(IDbContextFactory<DashboardDbContext> contexts, Arm[] arms, Action<PromoListEntry>? entry = null)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var campaign = new Campaign
        {
            Name = "Spring test",
            Status = CampaignStatus.Running,
            CreatedAt = LaunchedAt.AddDays(-1),
            LaunchedAt = LaunchedAt,
            Variants = [.. arms.Select((a, i) => new CampaignVariant { Name = a.Name, IsControl = i == 0, Strategy = a.Strategy, TrafficShare = a.PlannedShare })],
        };
        var customers = Enumerable.Range(1, arms.Sum(a => a.Members))
            .Select(i => new Customer { ExternalId = $"C-{i:D4}", FirstName = "Test", LastName = $"Customer {i}", Country = "United Kingdom", CreatedAt = LaunchedAt.AddDays(-100) })
            .ToList();
        db.Campaigns.Add(campaign);
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();

        var next = 0;
        foreach (var (arm, variant) in arms.Zip(campaign.Variants))
        {
            foreach (var customer in customers.Skip(next).Take(arm.Members))
            {
                var promo = new PromoListEntry { CampaignId = campaign.Id, VariantId = variant.Id, CustomerId = customer.Id, Country = customer.Country, CreatedAt = LaunchedAt };
                entry?.Invoke(promo);
                db.PromoListEntries.Add(promo);
            }

            next += arm.Members;
        }

        await db.SaveChangesAsync();
        return campaign;
    }
}
