using System.Globalization;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Persistence;
using Dashboard.Core.Recommendations.Serving;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Demo;

/// <summary>
/// One finished A/B test for a fresh demo shop, so that the report page has something to say from the first start: an
/// e-mail campaign launched <see cref="DaysAgo"/> days before the shop's last day to everyone who accepts e-mail,
/// best-sellers against personalized offers with <see cref="HoldoutShare"/> held out, played through its window by
/// <see cref="DemoOutcomeSimulator"/> with <see cref="PlantedUplift"/> planted in the personalized arm. The window lies
/// inside the shop's history, whose own orders count as conversions for every arm (as a real shop's organic buying
/// would), so the measured lift is a diluted copy of the planted one; the uplift is large enough to show through.
/// It goes through the real campaign code (the draft's rules, the launch job, attribution) with the clock set back to
/// the launch, so the promo list, its coupons and the scores at launch are what a manager would have got that day.
/// </summary>
public sealed class DemoCampaign(
    IDbContextFactory<DashboardDbContext> contexts,
    CampaignReadiness readiness,
    IBackgroundJobClient jobs,
    RecommendationServing recommendations,
    DemoOutcomeSimulator simulator,
    ILoggerFactory loggers)
{
    public const string Name = "Spring personalization test (demo)";
    public const int AttributionWindowDays = 14;
    public const int DaysAgo = AttributionWindowDays + 2;
    public const double HoldoutShare = 0.1;
    public const double PlantedUplift = 1.0;

    /// <param name="lastDay">The demo shop's last simulated day: the campaign's window ends the day before it.</param>
    public async Task<DemoSimulationResult> SeedAsync(DateTime lastDay, int seed, CancellationToken cancellationToken = default)
    {
        var launchedAt = lastDay.Date.AddDays(-DaysAgo).AddHours(9);
        var atLaunch = new FrozenClock(launchedAt);
        var campaign = await new CampaignService(contexts, readiness, jobs, new FrozenClock(launchedAt.AddDays(-1))).CreateAsync(new CampaignDraft
        {
            Name = Name,
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Seeded with the demo shop: does a personalized offer beat the best-sellers? {HoldoutShare:0 %} held out to measure what contacting adds. The simulation planted a {PlantedUplift:+0 %} lift in the purchases it adds for the personalized arm; the shop's own orders in the window count for every arm, so the measured lift is smaller."),
            Channel = CampaignChannel.Email,
            AttributionWindowDays = AttributionWindowDays,
            HoldoutShare = HoldoutShare,
            Offer = new CampaignOffer { Discount = DiscountKind.PercentOff, DiscountValue = 10, CouponPattern = "SPRING-" + CampaignOffer.CodePlaceholder },
        }, cancellationToken);

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var scheduled = await db.Campaigns.SingleAsync(c => c.Id == campaign.Id, cancellationToken);
            CampaignLifecycle.Move(scheduled, CampaignStatus.Scheduled, launchedAt);
            await db.SaveChangesAsync(cancellationToken);
        }

        await new CampaignLaunchJob(contexts, recommendations, atLaunch, loggers.CreateLogger<CampaignLaunchJob>()).RunAsync(campaign.Id, cancellationToken);
        return await simulator.SimulateAsync(campaign.Id, seed, PlantedUplift, cancellationToken);
    }

    /// <summary>A clock stopped at one instant: "now" for code that runs as if on an earlier day.</summary>
    private sealed class FrozenClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
    }
}
