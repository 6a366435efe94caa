using Dashboard.Core.Ingestion;
using Dashboard.Core.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Core.Tests.Ingestion.OwnFormats.OwnFormatImportHost;

namespace Dashboard.Core.Tests.Ingestion.OwnFormats;

public sealed class CustomersImportTests : IDisposable
{
    private const string Ann = "C000042,Ann,Archer,ann@example.com,+44 20 7946 0958,United Kingdom,2024-03-01,true,false,true";
    private readonly OwnFormatImportHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Import_CreatesCustomers_FromTheReadmeExample()
    {
        var report = await _host.ImportAsync(ImportKind.Customers, "customers.csv", CustomersHeader,
            Ann,
            "C000043,,,,,Sweden,,,,");

        Assert.Equal((2L, 2L, 0L, 0L), (report.RowsRead, report.Accepted, report.Rejected, report.Flagged));
        Assert.Empty(report.Rules);
        await using var db = _host.Database.CreateDbContext();
        var ann = await db.Customers.SingleAsync(c => c.ExternalId == "C000042");
        Assert.Equal(("Ann", "Archer", "ann@example.com", "+44 20 7946 0958", "United Kingdom"), (ann.FirstName, ann.LastName, ann.Email, ann.Phone, ann.Country));
        Assert.Equal((new DateTime(2024, 3, 1), true, false, true), (ann.CreatedAt, ann.EmailOptIn, ann.PushOptIn, ann.AdsOptIn));
        var bare = await db.Customers.SingleAsync(c => c.ExternalId == "C000043");
        Assert.Equal(((string?)null, (string?)null, (string?)null, (string?)null, "Sweden"), (bare.FirstName, bare.LastName, bare.Email, bare.Phone, bare.Country));
        // No created_at: the time of the import; no consent unless the file says so.
        Assert.Equal((Now, false, false, false), (bare.CreatedAt, bare.EmailOptIn, bare.PushOptIn, bare.AdsOptIn));
        var run = await db.ImportRuns.SingleAsync();
        Assert.Equal(("Customers CSV", ImportKind.Customers), (run.Format, run.Kind));
    }

    [Fact]
    public async Task Import_RejectsEachBadRow_WithItsRuleReasonAndLine()
    {
        var report = await _host.ImportAsync(ImportKind.Customers, "customers.csv", CustomersHeader,
            Ann,                                                                                  // 2
            Ann,                                                                                  // 3 exact copy
            "C2,Bea,Blum,bea@example.com,,,2024-03-01,true,false,true",                           // 4 no country
            "C3,Cai,Chen,cai.example.com,,France,2024-03-01,true,false,true",                     // 5 e-mail without @
            "C4,Dan,Dahl,dan@example.com,,France,2024-03-01,maybe,false,true",                    // 6 not a boolean
            "C5,Eva,Ek,eva@example.com,,France,01/03/2024,true,false,true",                       // 7 not our date
            "C6,Fay,Fox,fay@example.com,,France",                                                 // 8 fields missing
            new string('X', 65) + ",Gus,Gray,gus@example.com,,France,2024-03-01,true,false,true", // 9 id too long
            ",Hal,Hill,hal@example.com,,,2024-03-01,true,false,true",                             // 10 no id, no country
            "C7,Ida,Ito,IDA@Example.co.uk,,Japan,2024-03-01T09:30:00+09:00,YES,No,1");             // 11 good

        Assert.Equal((10L, 2L, 8L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.Duplicate] = 1, [ImportRules.Malformed] = 5, [ImportRules.MissingField] = 2 }, report.Rules);
        var listed = await _host.ListedAsync(report.RunId);
        Assert.Equal(
            [
                (3L, ImportRules.Duplicate, "An exact copy of an earlier row of this file (every field equal)."),
                (4L, ImportRules.MissingField, "Empty required field: country."),
                (5L, ImportRules.Malformed, "email 'cai.example.com' is not an e-mail address (name@domain.example)."),
                (6L, ImportRules.Malformed, "email_opt_in 'maybe' is not a boolean: write true/false, 1/0 or yes/no."),
                (7L, ImportRules.Malformed, "created_at '01/03/2024' is not a date: write yyyy-MM-dd, yyyy-MM-dd HH:mm:ss or ISO 8601 such as 2026-11-02T14:05:00Z."),
                (8L, ImportRules.Malformed, "Has 6 fields where the header has 10: a truncated line, or a separator inside a value that is not quoted."),
                (9L, ImportRules.Malformed, "customer_id is 65 characters long; at most 64 fit."),
                (10L, ImportRules.MissingField, "Empty required fields: customer_id, country."),
            ],
            listed.Select(r => (r.LineNumber, r.Rule!, r.Reason)));
        Assert.All(listed, r => Assert.Equal(ImportRowOutcome.Rejected, r.Outcome));

        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(["C000042", "C7"], await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.ExternalId).ToListAsync());
        var ida = await db.Customers.SingleAsync(c => c.ExternalId == "C7");
        Assert.Equal((new DateTime(2024, 3, 1, 0, 30, 0), true, false, true), (ida.CreatedAt, ida.EmailOptIn, ida.PushOptIn, ida.AdsOptIn));
    }

    [Fact]
    public async Task Import_UpdatesChangedCustomersAndAddsNewOnes_WhenANewerExportOverlaps()
    {
        await _host.ImportAsync(ImportKind.Customers, "customers_1.csv", CustomersHeader,
            Ann,
            "C2,Bea,Blum,bea@example.com,,France,2024-04-01,true,true,true",
            "C3,Cai,Chen,cai@example.com,,Norway,2024-05-01,false,false,false");

        var report = await _host.ImportAsync(ImportKind.Customers, "customers_2.csv", CustomersHeader,
            Ann,
            "C2,Bea,Blum,bea.blum@example.com,,France,2024-04-01,true,true,true",
            "C3,Cai,Chen,cai@example.com,,Norway,2024-05-01 00:00:00,0,no,FALSE",
            "C4,Dan,Dahl,dan@example.com,,Denmark,2024-06-01,true,true,false");

        Assert.Equal((4L, 4L, 0L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 2, [ImportRules.Updated] = 1 }, report.Rules);
        Assert.Empty(await _host.ListedAsync(report.RunId));
        await using var db = _host.Database.CreateDbContext();
        Assert.Equal(4, await db.Customers.CountAsync());
        Assert.Equal("bea.blum@example.com", (await db.Customers.SingleAsync(c => c.ExternalId == "C2")).Email);
        Assert.Equal("Denmark", (await db.Customers.SingleAsync(c => c.ExternalId == "C4")).Country);
    }

    [Fact]
    public async Task Import_IsSkippedAndChangesNothing_WhenTheSameFileIsImportedAgain()
    {
        var path = _host.Write("customers.csv", CustomersHeader, Ann, "C2,Bea,Blum,bea@example.com,,France,,true,true,true");
        var first = await _host.ImportAsync(ImportKind.Customers, path);
        var before = await _host.CountAsync();

        var again = await _host.ImportAsync(ImportKind.Customers, path);

        Assert.Equal((ImportStatus.Skipped, first.RunId, 0L), (again.Status, again.SameFileAsRunId, again.RowsRead));
        Assert.Equal(before, await _host.CountAsync());
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(1)]
    public async Task Import_AppliesRowsInFileOrder_SoTheLastOfDifferingRowsForOneIdWins(int rowsPerBatch)
    {
        var path = _host.Write("customers.csv", CustomersHeader,
            "C1,Ann,Archer,ann@example.com,,United Kingdom,2024-03-01,true,false,true",
            "C2,Bea,Blum,bea@example.com,,France,2024-04-01,true,true,true",
            "C1,Ann,Archer-Smith,ann@example.org,,United Kingdom,2024-03-01,true,false,false",
            "C1,Ann,Archer-Smith,ann@example.org,,United Kingdom,2024-03-01,1,0,0");

        var report = await _host.ImportAsync(ImportKind.Customers, path, rowsPerBatch);

        Assert.Equal((4L, 4L, 0L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 1, [ImportRules.Updated] = 1 }, report.Rules);
        await using var db = _host.Database.CreateDbContext();
        var ann = await db.Customers.SingleAsync(c => c.ExternalId == "C1");
        Assert.Equal(("Archer-Smith", "ann@example.org", false), (ann.LastName, ann.Email, ann.AdsOptIn));
        Assert.Equal(2, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task Import_KeepsFieldsWhoseColumnsAreMissing_AndClearsFieldsThatAreEmpty()
    {
        await _host.ImportAsync(ImportKind.Customers, "customers_1.csv", CustomersHeader, Ann);

        var report = await _host.ImportAsync(ImportKind.Customers, "customers_2.csv", "customer_id,country,phone,email",
            "C000042,United Kingdom,,ann@example.org",
            "C000044,Ireland,,");

        Assert.Equal(1L, report.Rules[ImportRules.Updated]);
        await using var db = _host.Database.CreateDbContext();
        var ann = await db.Customers.SingleAsync(c => c.ExternalId == "C000042");
        Assert.Equal(("Ann", "Archer", "ann@example.org", (string?)null), (ann.FirstName, ann.LastName, ann.Email, ann.Phone));
        Assert.Equal((new DateTime(2024, 3, 1), true, false, true), (ann.CreatedAt, ann.EmailOptIn, ann.PushOptIn, ann.AdsOptIn));
        var added = await db.Customers.SingleAsync(c => c.ExternalId == "C000044");
        Assert.Equal((Now, false, (string?)null), (added.CreatedAt, added.EmailOptIn, added.Email));
    }

    [Fact]
    public async Task Import_RejectsAnErasedCustomersRowAsErased_WithoutStoringTheLine_WhenAnOverlappingFileComesBack()
    {
        var older = _host.Write("customers_old.csv", CustomersHeader, Ann, "C2,Bea,Blum,bea@example.com,,France,2024-04-01,true,true,true");
        await _host.ImportAsync(ImportKind.Customers, older);
        int annId;
        await using (var db = _host.Database.CreateDbContext())
        {
            annId = await db.Customers.Where(c => c.ExternalId == "C000042").Select(c => c.Id).SingleAsync();
        }

        await _host.Services.GetRequiredService<CustomerEraser>().EraseAsync(annId, "dpo@shop.example", CancellationToken.None);
        var report = await _host.ImportAsync(ImportKind.Customers, "customers_newer.csv", CustomersHeader,
            Ann,
            "C2,Bea,Blum,bea@example.com,,France,2024-04-01,true,true,true",
            "C3,Cai,Chen,cai@example.com,,Norway,2024-05-01,false,false,false");

        Assert.Equal((3L, 2L, 1L), (report.RowsRead, report.Accepted, report.Rejected));
        Assert.Equal(new Dictionary<string, long> { [ImportRules.AlreadyImported] = 1, [ImportRules.Erased] = 1 }, report.Rules);
        var erased = Assert.Single(await _host.ListedAsync(report.RunId));
        Assert.Equal((2L, ImportRules.Erased, (string?)null), (erased.LineNumber, erased.Rule!, erased.RawLine));
        await using var check = _host.Database.CreateDbContext();
        Assert.False(await check.Customers.AnyAsync(c => c.ExternalId == "C000042" || c.Email == "ann@example.com"));
        Assert.Equal(3, await check.Customers.CountAsync());
    }

    [Fact]
    public async Task Import_LeavesAnErasedCustomerAlone_WhenARowNamesTheIdTheyWereGivenOnErasure()
    {
        await _host.ImportAsync(ImportKind.Customers, "customers.csv", CustomersHeader, Ann);
        int annId;
        await using (var db = _host.Database.CreateDbContext())
        {
            annId = await db.Customers.Where(c => c.ExternalId == "C000042").Select(c => c.Id).SingleAsync();
        }

        await _host.Services.GetRequiredService<CustomerEraser>().EraseAsync(annId, "dpo@shop.example", CancellationToken.None);
        var report = await _host.ImportAsync(ImportKind.Customers, "customers_erased.csv", CustomersHeader,
            $"{CustomerEraser.ErasedExternalId(annId)},Ann,Archer,ann@example.com,,United Kingdom,2024-03-01,true,true,true");

        Assert.Equal((1L, 1L), (report.RowsRead, report.Rejected));
        var rejected = Assert.Single(await _host.ListedAsync(report.RunId));
        Assert.Equal((ImportRules.Erased, "This customer was erased on request: their data is not imported again."), (rejected.Rule!, rejected.Reason));
        await using var check = _host.Database.CreateDbContext();
        var erased = await check.Customers.SingleAsync(c => c.Id == annId);
        Assert.Equal(((string?)null, (string?)null, false), (erased.FirstName, erased.Email, erased.EmailOptIn));
    }
}
