using System.Text;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Analysis;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Experiments.Reports;
using Dashboard.Core.Orders;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>The report's analysis wired to the database sums: which arms are compared, with which planned split and numbers.</summary>
public sealed class CampaignAnalysisTests : IDisposable
{
    private static readonly DateTime Launch = HandMadeExperiment.Launch;
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Analysis_TestsTreatmentAgainstControl_AndEveryContactedArmAgainstTheHoldout()
    {
        // 40 control members of whom 4 bought 10.00 each, 40 treated of whom 8 bought, 20 held out of whom 1 bought.
        var control = new CampaignVariant { Name = "Control", IsControl = true, Strategy = OfferStrategy.BestSellers, TrafficShare = 0.4 };
        var treatment = new CampaignVariant { Name = "Treatment", Strategy = OfferStrategy.Personalized, TrafficShare = 0.4 };
        var holdout = new CampaignVariant { Name = "Holdout", Strategy = OfferStrategy.None, TrafficShare = 0.2 };
        var campaign = new Campaign { Name = "Autumn", Status = CampaignStatus.Running, CreatedAt = Launch, LaunchedAt = Launch, Variants = [control, treatment, holdout] };
        var customers = Enumerable.Range(1, 100).Select(i => TestShop.Customer($"c{i}")).ToList();
        await TestShop.SaveAsync(_db, [campaign, .. customers]);
        (CampaignVariant Arm, int From, int Count, int Buyers)[] arms = [(control, 0, 40, 4), (treatment, 40, 40, 8), (holdout, 80, 20, 1)];
        await using (var db = _db.CreateDbContext())
        {
            foreach (var (arm, from, count, buyers) in arms)
            {
                foreach (var (customer, k) in customers.Skip(from).Take(count).Select((c, k) => (c, k)))
                {
                    db.PromoListEntries.Add(new PromoListEntry { CampaignId = campaign.Id, VariantId = arm.Id, CustomerId = customer.Id, Country = customer.Country, CreatedAt = Launch });
                    if (k < buyers)
                    {
                        var order = new Order { InvoiceNo = $"o{customer.Id}", CustomerId = customer.Id, Kind = OrderKind.Purchase, PlacedAt = Launch.AddDays(1), Country = "United Kingdom", Total = 10m };
                        db.Orders.Add(order);
                        await db.SaveChangesAsync();
                        db.Conversions.Add(new Conversion { CampaignId = campaign.Id, VariantId = arm.Id, CustomerId = customer.Id, OrderId = order.Id, Revenue = 10, ConvertedAt = order.PlacedAt });
                    }
                }
            }

            await db.SaveChangesAsync();
        }

        var clock = new FixedTimeProvider(new DateTimeOffset(Launch.AddDays(20)));
        var analyses = new CampaignAnalysis(_db, new ExperimentAggregates(_db, clock), clock);
        var running = await analyses.GetAsync(campaign.Id);
        await using (var db = _db.CreateDbContext())
        {
            await db.Campaigns.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Completed));
        }

        var result = await analyses.GetAsync(campaign.Id);

        Assert.NotNull(result);
        Assert.Equal(["Control", "Treatment"], result.Conversion.Variants.Select(v => v.Name));
        Assert.Equal([0.1, 0.2], result.Conversion.Variants.Select(v => v.Mean));
        // The same numbers through the engine by hand: the report, the API and the CLI agree. While the campaign ran the
        // results were always-valid, tuned to the 80 members compared; once completed they are fixed-horizon.
        var byHand = ExperimentAnalyzer.Analyze(Conversion(sequential: false));
        var sequentialByHand = ExperimentAnalyzer.Analyze(Conversion(sequential: true));
        Assert.False(result.Sequential);
        Assert.Equal(byHand.Variants[1].AbsolutePValue, result.Conversion.Variants[1].AbsolutePValue);
        Assert.Equal(byHand.SrmPValue, result.Conversion.SrmPValue);
        Assert.True(running!.Sequential);
        Assert.Equal(sequentialByHand.Variants[1].AbsolutePValue, running.Conversion.Variants[1].AbsolutePValue);
        Assert.Equal(sequentialByHand.Variants[1].AbsoluteCi, running.Conversion.Variants[1].AbsoluteCi);
        // The timeline: nobody converts on launch day (no readout without a control conversion), everyone on day 1, so
        // from then on every day reads the final, always-valid numbers.
        var launchDay = DateOnly.FromDateTime(Launch);
        Assert.Equal(launchDay, result.Timeline[0].Day);
        Assert.Null(result.Timeline[0].ChanceToWin);
        var dayOne = Assert.Single(result.Timeline, p => p.Day == launchDay.AddDays(1));
        Assert.Equal(("Treatment", treatment.Id), (dayOne.Arm, dayOne.VariantId));
        Assert.Equal(sequentialByHand.Variants[1].AbsolutePValue, dayOne.AlwaysValidPValue);
        Assert.Equal(sequentialByHand.Variants[1].ChanceToWin, dayOne.ChanceToWin);
        Assert.Equal(DateOnly.FromDateTime(Launch.AddDays(campaign.AttributionWindowDays).AddTicks(-1)), result.Timeline[^1].Day);
        Assert.Equal(VerdictTone.Inconclusive, result.Verdict.Tone);
        // Revenue per member: 4 x 10 over 40 and 8 x 10 over 40.
        Assert.Equal([1.0, 2.0], result.Revenue.Variants.Select(v => v.Mean));
        var incrementality = Assert.IsType<ExperimentAnalysis>(result.Incrementality);
        Assert.Equal(["Holdout", "Control", "Treatment"], incrementality.Variants.Select(v => v.Name));
        Assert.Equal([0.05, 0.1, 0.2], incrementality.Variants.Select(v => v.Mean));
        Assert.Equal(0.15, incrementality.Variants[2].AbsoluteEffect!.Value, 12); // 20 % against 5 %
        // Everyone is in one country and unprofiled: each breakdown has one group, with the overall numbers.
        var country = Assert.Single(result.ByCountry);
        Assert.Equal("United Kingdom", country.Group);
        Assert.Equal([0.1, 0.2], country.Conversion.Variants.Select(v => v.Mean));
        Assert.Equal(ExperimentAggregates.NoProfile, Assert.Single(result.BySegment).Group);

        // The CSV: a row per arm of conversion (2), revenue (2), incrementality (3), segment (2) and country (2).
        using var stream = new MemoryStream();
        await ReportCsv.WriteAsync(result, stream, CancellationToken.None);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ReportCsv.Header), lines[0]);
        Assert.Equal(1 + 11, lines.Length);
        Assert.StartsWith("conversion,,Control,40,0.1,,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("conversion,,Treatment,40,0.2,0.1,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("conversion_by_country,United Kingdom,Treatment,40,0.2,", lines[^1], StringComparison.Ordinal);
    }

    private static ExperimentAnalysisRequest Conversion(bool sequential) => new()
    {
        Metric = ExperimentAnalysisRequest.ProportionMetric,
        PlannedSplit = [0.5, 0.5],
        Sequential = sequential,
        SequentialTuning = 80,
        Variants = [new VariantInput { Name = "Control", N = 40, Conversions = 4 }, new VariantInput { Name = "Treatment", N = 40, Conversions = 8 }],
    };
}
