using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Experiments;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Serving;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// Writes a scheduled campaign's promo list: resolves the audience, assigns each member to a variant,
/// picks the offered products per variant, keeps what each member was at launch (<see cref="MemberAtLaunch"/>),
/// records the "sent" exposure, and marks the campaign running.
/// Everything happens in one transaction, so a retry after a failure starts from a clean slate.
/// </summary>
public sealed class CampaignLaunchJob(
    IDbContextFactory<DashboardDbContext> contexts,
    RecommendationServing recommendations,
    TimeProvider clock,
    ILogger<CampaignLaunchJob> logger)
{
    public async Task RunAsync(int campaignId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var campaign = await db.Campaigns.Include(c => c.Variants).Include(c => c.Audience)
            .SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
            ?? throw new CampaignRuleException($"Campaign {campaignId} does not exist.");
        if (campaign.Status == CampaignStatus.Running || CampaignLifecycle.HasEnded(campaign.Status))
        {
            // A retry after success, or a campaign cancelled while its launch waited in the queue.
            logger.LogInformation("Campaign {CampaignId} is {Status}; nothing to launch", campaignId, campaign.Status);
            return;
        }

        if (campaign.Status != CampaignStatus.Scheduled)
        {
            throw new CampaignRuleException($"Campaign {campaignId} is {campaign.Status}; only a scheduled campaign can be launched.");
        }

        var variants = campaign.Variants.OrderBy(v => v.Id).ToList();
        var eligible = await OfferEligibility.ProductIdsAsync(db, campaign.Offer, cancellationToken);
        var models = await ModelsByVariantAsync(variants, cancellationToken);
        var rules = AudienceRules.Of(campaign.Audience);
        var launchedAt = clock.GetUtcNow().UtcDateTime;
        var audience = await AudienceQuery.CustomersAsync(db, rules, campaign.Channel, launchedAt, cancellationToken);
        var members = await MemberAtLaunch.Of(db, audience, launchedAt, campaign.AttributionWindowDays).ToListAsync(cancellationToken);
        var assignment = members.ToDictionary(m => m.CustomerId, m => VariantAssigner.Assign(campaign.Id, m.CustomerId, variants, v => v.TrafficShare));

        var offers = new Dictionary<int, IReadOnlyList<ServedItem>>(members.Count);
        foreach (var variant in variants.Where(v => v.Strategy != OfferStrategy.None))
        {
            var assigned = assignment.Where(a => a.Value == variant).Select(a => a.Key).ToList();
            foreach (var (customerId, offered) in await OffersAsync(variant, models, assigned, eligible, launchedAt, cancellationToken))
            {
                offers[customerId] = offered;
            }
        }

        await db.InTransactionAsync(async token =>
        {
            await db.PromoListEntries.Where(e => e.CampaignId == campaignId).ExecuteDeleteAsync(token);
            await db.Exposures.Where(e => e.CampaignId == campaignId).ExecuteDeleteAsync(token);
            // Bulk inserts, not SaveChanges: EF reads back every generated key and took 55 s and 15 GB of allocations
            // for a 100,000-member list. The entries' keys are read back once, by the unique (campaign, customer) index.
            var entries = members.Select(member =>
            {
                var variant = assignment[member.CustomerId];
                return new PromoListEntry
                {
                    CampaignId = campaignId,
                    VariantId = variant.Id,
                    CustomerId = member.CustomerId,
                    CouponCode = variant.Strategy == OfferStrategy.None ? null : VariantAssigner.CouponCode(campaign.Offer.CouponPattern, campaignId, member.CustomerId),
                    CreatedAt = launchedAt,
                    ModelVersionId = offers.GetValueOrDefault(member.CustomerId, []).Count == 0 ? null : models.GetValueOrDefault(variant.Id)?.VersionId,
                    ChurnRisk = member.ChurnRisk,
                    PurchasePropensity = member.PurchasePropensity,
                    ExpectedValue90d = member.ExpectedValue90d,
                    Segment = member.Segment,
                    Country = member.Country,
                    PreRevenue = member.PreRevenue,
                };
            }).ToList();
            await new BulkInsert<PromoListEntry>(db).InsertAsync(entries, token);
            var entryIds = await db.PromoListEntries.Where(e => e.CampaignId == campaignId)
                .ToDictionaryAsync(e => e.CustomerId, e => e.Id, token);
            var items = members.SelectMany(member => offers.GetValueOrDefault(member.CustomerId, [])
                    .Take(assignment[member.CustomerId].ProductCount)
                    .Select((offer, rank) => new PromoListItem
                    {
                        PromoListEntryId = entryIds[member.CustomerId],
                        Rank = rank + 1,
                        ProductId = offer.ProductId,
                        Score = offer.Score,
                        Reason = offer.Reason,
                    }))
                .ToList();
            await new BulkInsert<PromoListItem>(db).InsertAsync(items, token);
            var sent = members.Where(member => assignment[member.CustomerId].Strategy != OfferStrategy.None)
                .Select(member => new Exposure
                {
                    CampaignId = campaignId,
                    VariantId = assignment[member.CustomerId].Id,
                    CustomerId = member.CustomerId,
                    Kind = ExposureKind.Sent,
                    OccurredAt = launchedAt,
                })
                .ToList();
            await new BulkInsert<Exposure>(db).InsertAsync(sent, token);

            // The audience was read before this transaction: a member erased since then must not be contacted.
            await db.Exposures.Where(e => e.CampaignId == campaignId && db.Customers.Any(c => c.Id == e.CustomerId && c.ErasedAt != null))
                .ExecuteDeleteAsync(token);
            await db.PromoListEntries.Where(e => e.CampaignId == campaignId && db.Customers.Any(c => c.Id == e.CustomerId && c.ErasedAt != null))
                .ExecuteDeleteAsync(token);
            var started = await db.Campaigns.Where(c => c.Id == campaignId && c.Status == CampaignStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Running).SetProperty(c => c.LaunchedAt, launchedAt), token);
            if (started == 0)
            {
                // Cancelled while the list was being written: roll it all back; the retry finds it cancelled.
                throw new CampaignRuleException($"Campaign {campaignId} was cancelled during its launch; no promo list was written.");
            }
        }, cancellationToken);
        logger.LogInformation("Campaign {CampaignId} launched to {Members} members with {Models}",
            campaignId, members.Count, string.Join(", ", models.Values.Select(m => m.VersionId is { } id ? $"{m.Family} v{id}" : $"popularity ({m.Fallback})").Distinct()));
    }

    /// <summary>
    /// The model each personalized variant asks for, from the same serving the API and the profile page use: its pinned
    /// recommender version or the champion, each loaded once. Best-seller variants need no model.
    /// </summary>
    private async Task<Dictionary<int, ServingModel>> ModelsByVariantAsync(IReadOnlyList<CampaignVariant> variants, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<int, ServingModel>();
        var byVariant = new Dictionary<int, ServingModel>();
        foreach (var variant in variants.Where(v => v.Strategy == OfferStrategy.Personalized))
        {
            var key = variant.ModelVersionId ?? 0;
            if (!loaded.TryGetValue(key, out var model))
            {
                try
                {
                    model = loaded[key] = await recommendations.ModelAsync(variant.ModelVersionId, cancellationToken);
                }
                catch (InvalidOperationException e)
                {
                    throw new CampaignRuleException($"\"{variant.Name}\" pins a model that cannot be used: {e.Message}");
                }
            }

            byVariant[variant.Id] = model;
        }

        return byVariant;
    }

    private async Task<IReadOnlyDictionary<int, IReadOnlyList<ServedItem>>> OffersAsync(
        CampaignVariant variant, Dictionary<int, ServingModel> models, IReadOnlyCollection<int> customerIds, IReadOnlySet<int>? eligible,
        DateTime launchedAt, CancellationToken cancellationToken)
    {
        if (variant.Strategy == OfferStrategy.Personalized)
        {
            return await recommendations.ForCustomersAsync(models[variant.Id], customerIds, variant.ProductCount, launchedAt, eligible, cancellationToken);
        }

        var bestSellers = await recommendations.BestSellersAsync(variant.ProductCount, eligible, cancellationToken);
        return customerIds.ToDictionary(id => id, _ => bestSellers);
    }
}
