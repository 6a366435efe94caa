using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Experiments;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// Writes a scheduled campaign's promo list: resolves the audience, assigns each member to a variant,
/// picks the offered products per variant, records the "sent" exposure, and marks the campaign running.
/// Everything happens in one transaction, so a retry after a failure starts from a clean slate.
/// </summary>
public sealed class CampaignLaunchJob(
    IDbContextFactory<DashboardDbContext> contexts,
    RecommendationService recommendations,
    TimeProvider clock,
    ILogger<CampaignLaunchJob> logger)
{
    private const int BatchSize = 1000;

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

        var champion = await recommendations.LoadChampionAsync(cancellationToken)
            ?? throw new CampaignRuleException("There is no recommendation model yet: run the pipeline first.");
        var model = champion.Model;
        var rules = campaign.Audience is null ? new AudienceRules() : AudienceRules.FromJson(campaign.Audience.RulesJson);
        var launchedAt = clock.GetUtcNow().UtcDateTime;
        var audience = await AudienceQuery.CustomerIdsAsync(db, rules, campaign.Channel, launchedAt, cancellationToken);
        var members = await audience.OrderBy(id => id).ToListAsync(cancellationToken);
        var variants = campaign.Variants.OrderBy(v => v.Id).ToList();
        var assignment = members.ToDictionary(id => id, id => VariantAssigner.Assign(campaign.Id, id, variants, v => v.TrafficShare));

        var personalizedMembers = assignment.Where(a => a.Value.Strategy == OfferStrategy.Personalized).Select(a => a.Key).ToList();
        var maxCount = variants.Max(v => v.ProductCount);
        var personal = await recommendations.ForCustomersAsync(model, personalizedMembers, maxCount, cancellationToken);
        var bestSellers = PersonalizedRanker.BestSellers(model, maxCount);

        await db.InTransactionAsync(async token =>
        {
            await db.PromoListEntries.Where(e => e.CampaignId == campaignId).ExecuteDeleteAsync(token);
            await db.Exposures.Where(e => e.CampaignId == campaignId).ExecuteDeleteAsync(token);
            db.ChangeTracker.AutoDetectChangesEnabled = false;

            foreach (var batch in members.Chunk(BatchSize))
            {
                foreach (var customerId in batch)
                {
                    var variant = assignment[customerId];
                    var offers = variant.Strategy switch
                    {
                        OfferStrategy.Personalized => personal[customerId],
                        OfferStrategy.BestSellers => bestSellers,
                        _ => [],
                    };
                    db.PromoListEntries.Add(new PromoListEntry
                    {
                        CampaignId = campaignId,
                        VariantId = variant.Id,
                        CustomerId = customerId,
                        CouponCode = variant.Strategy == OfferStrategy.None ? null : VariantAssigner.CouponCode(campaign.Offer.CouponPattern, campaignId, customerId),
                        CreatedAt = launchedAt,
                        Items = offers.Take(variant.ProductCount)
                            .Select((o, rank) => new PromoListItem { Rank = rank + 1, ProductId = o.ProductId, Score = o.Score, Reason = o.Reason })
                            .ToList(),
                    });
                    if (variant.Strategy != OfferStrategy.None)
                    {
                        db.Exposures.Add(new Exposure { CampaignId = campaignId, VariantId = variant.Id, CustomerId = customerId, Kind = ExposureKind.Sent, OccurredAt = launchedAt });
                    }
                }

                await db.SaveChangesAsync(token);
                db.ChangeTracker.Clear();
            }

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
        logger.LogInformation("Campaign {CampaignId} launched to {Members} members with model version {ModelVersion}", campaignId, members.Count, champion.Version.Id);
    }
}
