using System.Globalization;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Catalog;
using Dashboard.Core.Events;
using Dashboard.Core.Experiments;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Demo;

public sealed record DemoSimulationResult(int Members, int Simulated, int Opened, int Clicked, int Orders, int Conversions, IReadOnlyList<PlantedArm> Arms);

/// <summary>
/// The truth a simulation planted in one variant: the sum over its simulated members of each one's probability to buy in
/// the window, from the same probabilities the draws used. A measured conversion rate should fall within binomial error
/// of <see cref="ExpectedConversionRate"/> (the binomial variance is an upper bound, as members' probabilities differ).
/// </summary>
public sealed record PlantedArm(int VariantId, int Simulated, double ExpectedConverters)
{
    public double ExpectedConversionRate => Simulated == 0 ? 0 : ExpectedConverters / Simulated;
}

/// <summary>
/// Plays a launched campaign forward through its attribution window with the demo shoppers' hidden tastes,
/// so that the A/B report has real outcomes to measure. Documented in this folder's README:
/// <list type="bullet">
/// <item>Organic buying, offer or not: P(buy in window) = 1 - exp(-sessionsPerWeek * weeks * 0.08); never-buyers do not.</item>
/// <item>Offers: relevance r = the shopper's taste weight of the best-matching offered category (0..1);
/// P(open) = 0.25, P(click | open) = 0.1 + 0.4 r, P(buy the offered product | click) = 0.1 + 0.4 r.</item>
/// <item>The holdout (no offer) only buys organically.</item>
/// <item>Planted uplift: a personalized offer makes its member (1 + relativeUplift) times as likely to buy organically
/// (capped at 1), a best-seller offer does not; 0 plants none beyond the offers' own clicks. So the uplift shows both as
/// the personalized arm's lift over a best-seller control and in its incrementality over the holdout.</item>
/// </list>
/// So a treated member converts with probability 1 - (1 - organic)(1 - 0.25 (0.1 + 0.4 r)²), the holdout's with the
/// organic term alone; the result reports these probabilities summed per variant, the arms' true expected conversion rates.
/// A personalized list matches tastes better than best-sellers, so the treatment should win, by an
/// amount that depends on the audience, as a real test would.
/// </summary>
public sealed class DemoOutcomeSimulator(IDbContextFactory<DashboardDbContext> contexts, ConversionAttributor attribution)
{
    public const string InvoicePrefix = "S";
    private const double PurchasesPerSession = 0.08;
    private const int BatchSize = 500;
    private const double OpenRate = 0.25;

    public async Task<DemoSimulationResult> SimulateAsync(int campaignId, int seed, double relativeUplift = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relativeUplift);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.Include(c => c.Variants).SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new CampaignRuleException($"Campaign {campaignId} does not exist.");
        if (campaign.Status != CampaignStatus.Running || campaign.LaunchedAt is not { } launchedAt)
        {
            throw new CampaignRuleException("Only a running campaign can be simulated.");
        }

        var invoicePrefix = string.Create(CultureInfo.InvariantCulture, $"{InvoicePrefix}{campaignId}-");
        if (await db.Orders.AnyAsync(o => o.InvoiceNo.StartsWith(invoicePrefix), cancellationToken))
        {
            throw new CampaignRuleException("This campaign's outcomes were simulated already.");
        }

        var strategies = campaign.Variants.ToDictionary(v => v.Id, v => v.Strategy);
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive).ToDictionaryAsync(p => p.Id, cancellationToken);
        var byCategory = products.Values.GroupBy(p => p.Category).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Id).ToList());
        var members = await db.PromoListEntries.AsNoTracking()
            .Where(e => e.CampaignId == campaignId)
            .OrderBy(e => e.CustomerId)
            .Select(e => new
            {
                e.CustomerId,
                e.VariantId,
                Customer = db.Customers.Where(c => c.Id == e.CustomerId).Select(c => new { c.ExternalId, c.Country, c.ErasedAt }).Single(),
                Offered = e.Items.OrderBy(i => i.Rank).Select(i => i.ProductId).ToList(),
            })
            .ToListAsync(cancellationToken);

        var random = new Random(unchecked((seed * 7919) + campaignId));
        var weeks = campaign.AttributionWindowDays / 7.0;
        int simulated = 0, opened = 0, clicked = 0, orders = 0;
        var arms = campaign.Variants.ToDictionary(v => v.Id, _ => (Simulated: 0, ExpectedConverters: 0.0));
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        foreach (var batch in members.Chunk(BatchSize))
        {
            foreach (var member in batch)
            {
                if (member.Customer.ErasedAt is not null)
                {
                    continue; // Erased after the launch: they are not contacted, so they neither open nor click.
                }

                if (!DemoShopper.TryParseCustomerIndex(member.Customer.ExternalId, out var index))
                {
                    continue; // Imported customers have no known taste: nothing honest to simulate.
                }

                simulated++;
                var shopper = DemoShopper.For(seed, index);
                var session = string.Create(CultureInfo.InvariantCulture, $"sim-{campaignId}-{member.CustomerId}");
                var at = (double days) => launchedAt.AddDays(days);
                var bought = new List<(Product Product, DateTime At)>();
                var treated = strategies[member.VariantId] != OfferStrategy.None;
                var organic = shopper.NeverBuys ? 0 : 1 - Math.Exp(-shopper.SessionsPerWeek * weeks * PurchasesPerSession);
                var offerPurchase = 0.0;

                if (treated)
                {
                    var offered = member.Offered.Where(products.ContainsKey).Select(id => products[id]).ToList();
                    var best = offered.OrderByDescending(p => shopper.WeightOf(p.Category)).FirstOrDefault();
                    var relevance = best is null ? 0 : shopper.WeightOf(best.Category);
                    if (strategies[member.VariantId] == OfferStrategy.Personalized)
                    {
                        organic = Math.Min(1, organic * (1 + relativeUplift));
                    }

                    offerPurchase = best is null ? 0 : OpenRate * Response(relevance) * Response(relevance);
                    db.Exposures.Add(Exposure(campaignId, member.VariantId, member.CustomerId, ExposureKind.Delivered, launchedAt.AddMinutes(1)));
                    if (random.NextDouble() < OpenRate)
                    {
                        opened++;
                        var openedAt = at(random.NextDouble() * 2);
                        db.Exposures.Add(Exposure(campaignId, member.VariantId, member.CustomerId, ExposureKind.Opened, openedAt));
                        db.Events.Add(new BehaviorEvent { CustomerId = member.CustomerId, SessionId = session, Type = EventType.EmailOpen, OccurredAt = openedAt, CampaignId = campaignId });
                        if (random.NextDouble() < Response(relevance))
                        {
                            clicked++;
                            var clickedAt = openedAt.AddMinutes(1 + (random.NextDouble() * 30));
                            db.Exposures.Add(Exposure(campaignId, member.VariantId, member.CustomerId, ExposureKind.Clicked, clickedAt));
                            db.Events.Add(new BehaviorEvent { CustomerId = member.CustomerId, ProductId = best?.Id, SessionId = session, Type = EventType.EmailClick, OccurredAt = clickedAt, CampaignId = campaignId });
                            if (best is not null && random.NextDouble() < Response(relevance))
                            {
                                bought.Add((best, clickedAt.AddMinutes(5 + (random.NextDouble() * 60))));
                            }
                        }
                    }
                }

                // An organic purchase needs a product on sale in the category drawn (every category is, in the demo shop).
                var stocked = shopper.PreferredCategories.Where(p => byCategory.ContainsKey(p.Category)).Sum(p => p.Weight);
                var arm = arms[member.VariantId];
                arms[member.VariantId] = (arm.Simulated + 1, arm.ExpectedConverters + 1 - ((1 - (organic * stocked)) * (1 - offerPurchase)));
                if (random.NextDouble() < organic)
                {
                    var category = PickCategory(shopper, random);
                    if (byCategory.TryGetValue(category, out var shelf) && shelf.Count > 0)
                    {
                        bought.Add((shelf[random.Next(shelf.Count)], at(random.NextDouble() * campaign.AttributionWindowDays)));
                    }
                }

                foreach (var (product, placedAt) in bought)
                {
                    orders++;
                    var order = new Order
                    {
                        InvoiceNo = string.Create(CultureInfo.InvariantCulture, $"{invoicePrefix}{member.CustomerId}-{orders}"),
                        CustomerId = member.CustomerId,
                        PlacedAt = placedAt,
                        Country = member.Customer.Country,
                        Lines = [new OrderLine { ProductId = product.Id, Quantity = 1, UnitPrice = product.Price }],
                    };
                    order.RecalculateTotal();
                    db.Orders.Add(order);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await AddPurchaseEventsAsync(db, invoicePrefix, cancellationToken);
        var conversions = await attribution.AttributeAsync(campaignId, cancellationToken);
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CampaignStatus.Completed)
            .SetProperty(c => c.CompletedAt, launchedAt.AddDays(campaign.AttributionWindowDays)), cancellationToken);
        var planted = arms.OrderBy(a => a.Key).Select(a => new PlantedArm(a.Key, a.Value.Simulated, a.Value.ExpectedConverters)).ToList();
        return new DemoSimulationResult(members.Count, simulated, opened, clicked, orders, conversions, planted);
    }

    /// <summary>P(click | open), and P(buy the offered product | click): both grow with the offer's relevance.</summary>
    private static double Response(double relevance) => 0.1 + (0.4 * relevance);

    private static Exposure Exposure(int campaignId, int variantId, int customerId, ExposureKind kind, DateTime at) =>
        new() { CampaignId = campaignId, VariantId = variantId, CustomerId = customerId, Kind = kind, OccurredAt = at };

    /// <summary>Purchase events mirror the simulated orders' lines, as the shop front would send them.</summary>
    private static async Task AddPurchaseEventsAsync(DashboardDbContext db, string invoicePrefix, CancellationToken cancellationToken)
    {
        var lines = await db.OrderLines.Join(db.Orders, l => l.OrderId, o => o.Id, (l, o) => new { o.Id, o.CustomerId, o.PlacedAt, o.InvoiceNo, l.ProductId })
            .Where(x => x.InvoiceNo.StartsWith(invoicePrefix))
            .ToListAsync(cancellationToken);
        db.Events.AddRange(lines.Select(l => new BehaviorEvent
        {
            CustomerId = l.CustomerId,
            ProductId = l.ProductId,
            OrderId = l.Id,
            SessionId = string.Create(CultureInfo.InvariantCulture, $"sim-order-{l.Id}"),
            Type = EventType.Purchase,
            OccurredAt = l.PlacedAt,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string PickCategory(DemoShopper shopper, Random random)
    {
        var u = random.NextDouble();
        foreach (var preference in shopper.PreferredCategories)
        {
            u -= preference.Weight;
            if (u <= 0)
            {
                return preference.Category;
            }
        }

        return shopper.PreferredCategories[0].Category;
    }
}
