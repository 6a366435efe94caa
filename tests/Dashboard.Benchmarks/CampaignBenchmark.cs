using System.Diagnostics;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Recommendations.Registry;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks;

/// <summary>What the campaign benchmark measured: the audience counts a manager triggers while editing, and one launch.</summary>
public sealed record CampaignBenchmarkResult(IReadOnlyList<QueryTiming> AudienceCounts, PromoListRun PromoList);

/// <summary>One launch: its members per variant, the items written, and the launch job's time and memory.</summary>
public sealed record PromoListRun(int Members, IReadOnlyDictionary<string, int> MembersPerVariant, int Items, int ProductsPerMember, StageMeasurement Measurement);

/// <summary>
/// Times the two campaign operations the issue sets aims for, on the benchmark database:
/// the live estimate (<see cref="AudienceEstimator"/>: members, expected revenue, contact cost), for rule sets like those managers build (each run <c>warmup</c> times
/// untimed, then <c>runs</c> times timed), and the launch job writing the promo list for everyone in the database
/// (control best-sellers, personalized treatment, 10 % holdout, top 10 products), measured like the profile stage.
/// The launched campaign is deleted afterwards, so the database can be measured again.
/// </summary>
public static class CampaignBenchmark
{
    public const int ProductsPerMember = 10;

    public static async Task<CampaignBenchmarkResult> RunAsync(BenchmarkHost host, int warmup, int runs, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        var cases = await AudienceCasesAsync(host, ct);
        var counts = new List<QueryTiming>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            var (name, rules) = cases[i];
            report($"audience count: {name}", 0.5 * i / cases.Count);
            counts.Add(await TimeCountAsync(host, name, rules, warmup, runs, ct));
        }

        report("promo list", 0.5);
        var promoList = await LaunchEveryoneAsync(host, ct);
        return new CampaignBenchmarkResult(counts, promoList);
    }

    private static async Task<QueryTiming> TimeCountAsync(BenchmarkHost host, string name, AudienceRules rules, int warmup, int runs, CancellationToken ct)
    {
        var matches = 0;
        var estimator = host.Get<AudienceEstimator>();
        async Task<int> CountAsync() => (await estimator.EstimateAsync(rules, CampaignChannel.Email, holdoutShare: 0.1, costPerContact: 0.05m, ct)).Members;

        for (var w = 0; w < warmup; w++)
        {
            matches = await CountAsync();
        }

        var timings = new List<double>(runs);
        for (var r = 0; r < runs; r++)
        {
            var stopwatch = Stopwatch.StartNew();
            matches = await CountAsync();
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return new QueryTiming(name, rules.ToJson(), matches, Timings.Of(timings));
    }

    /// <summary>Rule sets from simple to nested, with values read from the data so that they select someone.</summary>
    private static async Task<List<(string Name, AudienceRules Rules)>> AudienceCasesAsync(BenchmarkHost host, CancellationToken ct)
    {
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        var country = await db.Customers.GroupBy(c => c.Country).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        var category = await db.Profiles.Where(p => p.TopCategory != null).GroupBy(p => p.TopCategory).OrderByDescending(g => g.Count()).Select(g => g.Key!).FirstAsync(ct);
        var cap = new FrequencyCap(MaxContacts: 1, Days: 7);
        return
        [
            ("everyone who consented", new AudienceRules()),
            ("two RFM segments", AudienceRules.AllOf(AudienceCondition.In(AudienceField.Segment, "Champions", "Loyal"))),
            ("high churn AND top 20 % propensity", AudienceRules.AllOf(
                AudienceCondition.In(AudienceField.ChurnBand, "High"),
                AudienceCondition.Between(AudienceField.PropensityPercentile, 80, null))),
            ("country OR category affinity >= 30 %", new AudienceRules
            {
                Include = new RuleGroup
                {
                    Combinator = RuleCombinator.Any,
                    Conditions = [AudienceCondition.In(AudienceField.Country, country), AudienceCondition.In(AudienceField.CategoryAffinity, category) with { Min = 0.3 }],
                },
            }),
            ("expected value >= 50 AND 30-90 days since purchase", AudienceRules.AllOf(
                AudienceCondition.Between(AudienceField.ExpectedValue, 50, null),
                AudienceCondition.Between(AudienceField.DaysSinceLastPurchase, 30, 90))),
            ("nested groups + frequency cap", new AudienceRules
            {
                Include = new RuleGroup
                {
                    Conditions = [AudienceCondition.NotIn(AudienceField.Segment, "Lost", "Prospect")],
                    Groups =
                    [
                        new RuleGroup
                        {
                            Combinator = RuleCombinator.Any,
                            Conditions = [AudienceCondition.Between(AudienceField.ChurnRisk, 0.5, null), AudienceCondition.Between(AudienceField.PropensityPercentile, 90, null)],
                        },
                    ],
                },
                FrequencyCap = cap,
            }),
        ];
    }

    private static async Task<PromoListRun> LaunchEveryoneAsync(BenchmarkHost host, CancellationToken ct)
    {
        // The personalized arm is served by the recommender champion; the pipeline's quick families give it one.
        if (await host.Get<RecommenderRegistry>().ChampionAsync(ct) is null)
        {
            await host.Get<RecommenderTrainingJob>().TryTrainAsync(RecommenderOptions.DefaultPipelineModels, ct);
        }

        var campaign = new Campaign
        {
            Name = "Benchmark: everyone, top 10",
            Status = CampaignStatus.Scheduled,
            CreatedAt = DateTime.UtcNow,
            Audience = new Audience { Name = "Benchmark: everyone", RulesJson = new AudienceRules { RequireConsent = false }.ToJson(), CreatedAt = DateTime.UtcNow },
            Variants =
            [
                new() { Name = "Control: best-sellers", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.45, ProductCount = ProductsPerMember },
                new() { Name = "Treatment: personalized", Strategy = OfferStrategy.Personalized, TrafficShare = 0.45, ProductCount = ProductsPerMember },
                new() { Name = "Holdout: no contact", Strategy = OfferStrategy.None, TrafficShare = 0.10, ProductCount = 0 },
            ],
        };
        await using (var db = await host.Contexts.CreateDbContextAsync(ct))
        {
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync(ct);
        }

        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var (_, measurement) = await StageMeter.MeasureAsync(async () =>
            {
                await host.Get<CampaignLaunchJob>().RunAsync(campaign.Id, ct);
                return true;
            });
            await using var db = await host.Contexts.CreateDbContextAsync(ct);
            var perVariant = await db.PromoListEntries.Where(e => e.CampaignId == campaign.Id)
                .GroupBy(e => e.VariantId).Select(g => new { g.Key, Members = g.Count() }).ToListAsync(ct);
            var items = await db.PromoListEntries.Where(e => e.CampaignId == campaign.Id).SelectMany(e => e.Items).CountAsync(ct);
            var names = campaign.Variants.ToDictionary(v => v.Id, v => v.Name);
            return new PromoListRun(perVariant.Sum(v => v.Members), perVariant.ToDictionary(v => names[v.Key], v => v.Members), items, ProductsPerMember, measurement);
        }
        finally
        {
            // Members first: their variants may not go while entries point at them.
            await using var db = await host.Contexts.CreateDbContextAsync(ct);
            await db.PromoListEntries.Where(e => e.CampaignId == campaign.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.Exposures.Where(e => e.CampaignId == campaign.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.Audiences.Where(a => a.Id == campaign.AudienceId).ExecuteDeleteAsync(CancellationToken.None);
        }
    }
}
