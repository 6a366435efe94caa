using Dashboard.Core.Campaigns;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Experiments;
using Dashboard.Core.Orders;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>
/// Campaigns written straight into the database as a launch leaves them (promo-list entries with each member's segment,
/// country and pre-period revenue as at launch, a Sent exposure per treated member, none for the holdout), with orders of
/// whole-pound totals, so attribution and sums can be checked by hand.
/// </summary>
public sealed class HandMadeExperiment(SqliteTestDatabase db)
{
    public static readonly DateTime Launch = new(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);

    private readonly Product _product = TestShop.Product("P1", "Books", price: 1m);
    private int _invoices;

    public async Task<Customer[]> CustomersAsync(params string[] countries)
    {
        var customers = countries.Select((country, i) => TestShop.Customer($"c{i + 1}", country)).ToArray();
        await TestShop.SaveAsync(db, [.. customers, _product]);
        return customers;
    }

    /// <summary>A launched campaign with a holdout and one treatment; returns (campaign, holdout variant, treatment variant).</summary>
    public async Task<(Campaign Campaign, CampaignVariant Holdout, CampaignVariant Treatment)> CampaignAsync(
        string name, DateTime launchedAt, int windowDays, Customer[] holdout, Customer[] treated, CampaignStatus status = CampaignStatus.Running)
    {
        var holdoutVariant = new CampaignVariant { Name = "Holdout", IsControl = true, Strategy = OfferStrategy.None, TrafficShare = 0.5 };
        var treatment = new CampaignVariant { Name = "Personalized", Strategy = OfferStrategy.Personalized, TrafficShare = 0.5 };
        var campaign = new Campaign
        {
            Name = name,
            Status = status,
            AttributionWindowDays = windowDays,
            CreatedAt = launchedAt.AddDays(-1),
            LaunchedAt = launchedAt,
            Variants = [holdoutVariant, treatment],
        };
        await TestShop.SaveAsync(db, campaign);

        Dictionary<int, MemberAtLaunch> members;
        await using (var context = db.CreateDbContext())
        {
            var ids = holdout.Concat(treated).Select(c => c.Id).ToList();
            members = await MemberAtLaunch.Of(context, context.Customers.Where(c => ids.Contains(c.Id)), launchedAt, windowDays)
                .ToDictionaryAsync(m => m.CustomerId);
        }

        var entries = holdout.Select(c => Entry(campaign, holdoutVariant, members[c.Id]))
            .Concat(treated.Select(c => Entry(campaign, treatment, members[c.Id])));
        var sent = treated.Select(c => Exposure(campaign, treatment, c, ExposureKind.Sent, launchedAt));
        await TestShop.SaveAsync(db, [.. entries, .. sent]);
        return (campaign, holdoutVariant, treatment);
    }

    public static Exposure Exposure(Campaign campaign, CampaignVariant variant, Customer customer, ExposureKind kind, DateTime at) =>
        new() { CampaignId = campaign.Id, VariantId = variant.Id, CustomerId = customer.Id, Kind = kind, OccurredAt = at };

    /// <summary>A purchase of <paramref name="total"/> pounds (one line of the £1 product).</summary>
    public async Task<Order> PurchaseAsync(Customer customer, DateTime placedAt, int total) =>
        await SaveOrderAsync(TestShop.Purchase(NextInvoice(), null, placedAt, (_product, total)), customer);

    public async Task<Order> ReturnAsync(Customer customer, DateTime placedAt, int total) =>
        await SaveOrderAsync(TestShop.Return(NextInvoice(), customer, placedAt, (_product, total)), customer);

    private string NextInvoice() => $"I{++_invoices:D4}";

    private async Task<Order> SaveOrderAsync(Order order, Customer customer)
    {
        // By id, so that the customer and product saved earlier are not inserted again.
        order.Customer = null;
        order.CustomerId = customer.Id;
        foreach (var line in order.Lines)
        {
            line.Product = null;
            line.ProductId = _product.Id;
        }

        await TestShop.SaveAsync(db, order);
        return order;
    }

    private static PromoListEntry Entry(Campaign campaign, CampaignVariant variant, MemberAtLaunch member) => new()
    {
        CampaignId = campaign.Id,
        VariantId = variant.Id,
        CustomerId = member.CustomerId,
        CreatedAt = campaign.LaunchedAt!.Value,
        Segment = member.Segment,
        Country = member.Country,
        PreRevenue = member.PreRevenue,
    };
}
