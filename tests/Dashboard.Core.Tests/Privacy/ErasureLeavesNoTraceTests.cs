using Dashboard.Core.Campaigns;
using Dashboard.Core.Campaigns.Validation;
using Dashboard.Core.Customers;
using Dashboard.Core.Demo;
using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Privacy;
using Dashboard.Core.Profiles;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Demo;
using Dashboard.Core.Tests.Infrastructure;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Privacy;

/// <summary>
/// The erasure's promise, checked from outside: after erasing one customer of a demo shop that has rows in every
/// table (campaign outcomes, rejected import lines, audit entries, run logs, staff users, API keys), no column of any
/// table of the SQLite file holds their e-mail, phone, shop id, full name or session ids, and every aggregate the
/// dashboard shows is what it was.
/// </summary>
public sealed class ErasureLeavesNoTraceTests : IDisposable
{
    private const string Actor = "crm@shop.example";
    private readonly SqliteTestDatabase _db = new();
    private readonly InMemoryStorage _storage = new();

    public void Dispose()
    {
        _storage.Dispose();
        _db.Dispose();
    }

    [Fact]
    public async Task EraseAsync_LeavesTheCustomersDataInNoColumnOfAnyTable()
    {
        var (person, campaignId) = await SeedShopAsync();
        var sessions = await SessionsOfAsync(person.Id);
        Assert.NotEmpty(sessions);

        var result = await new CustomerEraser(_db, new AuditLog(_db, TimeProvider.System), TimeProvider.System).EraseAsync(person.Id, Actor, CancellationToken.None);

        Assert.Equal(ErasureOutcome.Erased, result.Outcome);
        Assert.Equal((3, 6), (result.RejectedImportRowsRedacted, result.FreeTextFieldsRedacted));
        string[] needles = [person.Email!, person.Phone!, person.ExternalId, $"{person.FirstName} {person.LastName}", .. PhoneDigits(person.Phone!), .. sessions];
        var traces = new List<string>();
        foreach (var needle in needles)
        {
            traces.AddRange((await DatabaseTextScan.FindAsync(_db.ConnectionString, needle)).Select(column => $"{column} holds '{needle}'"));
        }

        traces.AddRange((await DatabaseTextScan.FindRowsHoldingBothAsync(_db.ConnectionString, person.FirstName!, person.LastName!))
            .Select(table => $"{table} holds the first and last name in one row"));
        Assert.Empty(traces);

        await using var db = _db.CreateDbContext();
        Assert.Equal(2, await db.ImportRejectedRows.CountAsync(r => r.RawLine != null));
        Assert.NotNull(await new ExperimentAggregates(_db, TimeProvider.System).GetAsync(campaignId));
    }

    [Fact]
    public async Task EraseAsync_LeavesEveryAggregateAsItWas()
    {
        var (person, campaignId) = await SeedShopAsync();
        // Profiles as the nightly run would leave them, the campaign's simulated orders included.
        var segmentsBefore = (await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync()).SegmentSizes;
        var before = await AggregatesAsync(campaignId);

        await new CustomerEraser(_db, new AuditLog(_db, TimeProvider.System), TimeProvider.System).EraseAsync(person.Id, Actor, CancellationToken.None);

        Assert.Equal(before, await AggregatesAsync(campaignId));
        Assert.Equal(segmentsBefore, (await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync()).SegmentSizes);
    }

    /// <summary>What the dashboard's pages add up, as one comparable string per figure.</summary>
    private async Task<List<string>> AggregatesAsync(int campaignId)
    {
        await using var db = _db.CreateDbContext();
        var totals = await db.Orders.Select(o => o.Total).ToListAsync();
        var outcomes = await new ExperimentAggregates(_db, TimeProvider.System).GetAsync(campaignId);
        List<string> figures =
        [
            $"orders {totals.Count}, revenue {totals.Sum()}",
            $"order lines {await db.OrderLines.CountAsync()}",
            $"events {await db.Events.CountAsync()}, sessions {await db.Events.Select(e => e.SessionId).Distinct().CountAsync()}",
            $"customers {await db.Customers.CountAsync()}, profiles {await db.Profiles.CountAsync()}",
            $"rejected rows {await db.ImportRejectedRows.CountAsync()}, promo entries {await db.PromoListEntries.CountAsync()}",
        ];
        figures.AddRange(await db.Profiles.GroupBy(p => p.Segment).OrderBy(g => g.Key).Select(g => $"profiles in {g.Key}: {g.Count()}, {g.Sum(p => p.Monetary)}").ToListAsync());
        figures.AddRange(await db.Segments.OrderBy(s => s.Name).Select(s => $"segment {s.Name}: {s.CustomerCount}, {s.Revenue}").ToListAsync());
        figures.AddRange(outcomes!.Variants.Select(v => $"variant {v.VariantId}: {v.Sums}"));
        figures.AddRange(outcomes.Funnel.Select(f => $"funnel {f}"));
        return figures;
    }

    /// <summary>
    /// A demo shop with a campaign played to the end, then one converted customer, "the person", mentioned wherever
    /// people and programs write text: rejected import lines, an import error, audit details, a campaign description,
    /// run logs, an API key's name. Another customer's rejected line is there too and must survive.
    /// </summary>
    private async Task<(Customer Person, int CampaignId)> SeedShopAsync()
    {
        var options = DemoTestShop.Options() with { Customers = 80, Products = 40, Days = 45 };
        await DemoTestShop.SeedAsync(_db, options);
        await new ProfileBuilder(_db, new CustomerFeatureBuilder(_db), TimeProvider.System).BuildAsync();
        await TestServing.PromoteChampionAsync(_db, new RepeatRecommender());
        var campaigns = new CampaignService(_db, new CampaignReadiness(_db, TimeProvider.System), new BackgroundJobClient(_storage), TimeProvider.System);
        var campaign = await campaigns.CreateAsync(new CampaignDraft { Name = "Autumn offers", Audience = new() { RequireConsent = false } });
        await campaigns.LaunchAsync(campaign.Id);
        await new CampaignLaunchJob(_db, TestServing.Create(_db, TimeProvider.System), TimeProvider.System, NullLogger<CampaignLaunchJob>.Instance).RunAsync(campaign.Id, CancellationToken.None);
        await new DemoOutcomeSimulator(_db, new ConversionAttributor(_db)).SimulateAsync(campaign.Id, options.Seed);

        await using var db = _db.CreateDbContext();
        var customers = await db.Customers.AsNoTracking().ToListAsync();
        var converted = await db.Conversions.GroupBy(c => c.CustomerId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).ToListAsync();
        var person = customers.Where(c => converted.Contains(c.Id) && c.Phone is not null && PhoneDigits(c.Phone).Length > 0)
            .Where(c => customers.Count(o => o.FirstName == c.FirstName && o.LastName == c.LastName) == 1)
            .OrderBy(c => converted.IndexOf(c.Id)).First();
        var other = customers.First(c => c.Id != person.Id);
        await MentionAsync(db, person, other, campaign.Id);
        await new CustomerDataExporter(_db, new AuditLog(_db, TimeProvider.System), TimeProvider.System).ExportAsync(person.Id, Actor, CancellationToken.None);
        return (person, campaign.Id);
    }

    private static async Task MentionAsync(DashboardDbContext db, Customer person, Customer other, int campaignId)
    {
        var fullName = $"{person.FirstName} {person.LastName}";
        var now = DemoTestShop.EndDate;
        db.ImportRuns.Add(new ImportRun
        {
            Source = "crm-export.csv", Format = "csv", Status = ImportStatus.Failed, StartedAt = now, RowsRead = 5, RowsRejected = 5,
            Error = $"Line 4: duplicate e-mail {person.Email}",
            RejectedRows =
            [
                new() { LineNumber = 1, Reason = "Invalid date", RawLine = $"{person.ExternalId};{person.FirstName};{person.LastName};{person.Email};{person.Phone};31/02/2026" },
                new() { LineNumber = 2, Reason = "Unknown customer", RawLine = $"X-1;;;{person.Email!.ToUpperInvariant()};;" },
                new() { LineNumber = 3, Reason = $"Phone {person.Phone} belongs to {fullName}", RawLine = "X-2;;;;;" },
                new() { LineNumber = 4, Reason = "Invalid date", RawLine = $"{other.ExternalId};{other.FirstName};{other.LastName};{other.Email};;32/01/2026" },
                new() { LineNumber = 5, Reason = "Empty line", RawLine = ";;;;;" },
            ],
        });
        db.AuditEntries.AddRange(
            new AuditEntry { At = now, Actor = Actor, Action = AuditActions.ProfileViewed, EntityType = AuditEntities.Customer, EntityId = $"{person.Id}" },
            new AuditEntry { At = now, Actor = Actor, Action = AuditActions.ProfileViewed, EntityType = AuditEntities.Customer, EntityId = $"{person.Id}", Details = $"Called {person.Phone} about {person.ExternalId}" });
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Description, $"{fullName} asked for garden offers only"));
        db.PipelineRuns.Add(new PipelineRun { Trigger = "manual", Status = RunStatus.Succeeded, StartedAt = now, Log = $"profiles: fixed {person.ExternalId} by hand" });
        db.TrainingRuns.Add(new TrainingRun { Kind = ModelKinds.Popularity, Status = RunStatus.Failed, StartedAt = now, Error = $"UNIQUE constraint failed: Customers.Email ('{person.Email}')" });
        db.ApiKeys.Add(new ApiKey { Name = $"Webhook for {fullName}", Prefix = "dk_test", Hash = "not-a-real-hash", Scopes = "events:write", CreatedBy = Actor, CreatedAt = now });
        db.Users.Add(new DashboardUser { UserName = Actor, Email = Actor, DisplayName = "CRM desk", CreatedAt = now });
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> SessionsOfAsync(int customerId)
    {
        await using var db = _db.CreateDbContext();
        return await db.Events.Where(e => e.CustomerId == customerId).Select(e => e.SessionId).Distinct().ToListAsync();
    }

    /// <summary>The phone as bare digits (without an extension), when it has enough of them to be told apart from other numbers.</summary>
    private static string[] PhoneDigits(string phone)
    {
        var digits = new string(phone.TakeWhile(c => !char.IsLetter(c)).Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 7 && digits != phone ? [digits] : [];
    }
}
