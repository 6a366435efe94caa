using Dashboard.Core.Privacy;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Privacy;

/// <summary>What an erasure changes on the hand-made shop, row by row; <see cref="ErasureLeavesNoTraceTests"/> searches a whole database.</summary>
public sealed class CustomerEraserTests : IDisposable
{
    private const string Actor = "crm@shop.example";
    private readonly SqliteTestDatabase _db = new();
    private readonly FixedTimeProvider _clock = new(new DateTimeOffset(PrivacyTestShop.Now.AddHours(9)));
    private readonly CustomerEraser _eraser;

    public CustomerEraserTests() => _eraser = new CustomerEraser(_db, new AuditLog(_db, _clock), _clock);

    public void Dispose() => _db.Dispose();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task EraseAsync_AnonymisesTheCustomerRowAndWithdrawsEveryConsent()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);

        var result = await _eraser.EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);

        Assert.Equal(new ErasureResult(ErasureOutcome.Erased, shop.Anna.Id, Now, RejectedImportRowsRedacted: 4, SessionsRenamed: 2, EventsRenamed: 5, FreeTextFieldsRedacted: 1), result);
        await using var db = _db.CreateDbContext();
        var anna = await db.Customers.SingleAsync(c => c.Id == shop.Anna.Id);
        Assert.Equal(($"erased-{shop.Anna.Id}", null, null, null, null), (anna.ExternalId, anna.FirstName, anna.LastName, anna.Email, anna.Phone));
        Assert.Equal((false, false, false, Now), (anna.EmailOptIn, anna.PushOptIn, anna.AdsOptIn, anna.ErasedAt));
        Assert.Equal("Sweden", anna.Country);
        Assert.Equal("(erased)", anna.DisplayName);
        var bob = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == shop.Bob.Id);
        Assert.Equal((shop.Bob.ExternalId, shop.Bob.Email, (DateTime?)null), (bob.ExternalId, bob.Email, bob.ErasedAt));
    }

    [Fact]
    public async Task EraseAsync_RedactsRejectedLinesThatMentionThePerson_AndKeepsTheRows()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);

        await _eraser.EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var rows = await db.ImportRejectedRows.ToDictionaryAsync(r => r.LineNumber);
        Assert.Equal(6, rows.Count);
        foreach (var line in shop.AnnasRejectedRows.Select(r => r.LineNumber))
        {
            Assert.Null(rows[line].RawLine);
            Assert.EndsWith(CustomerEraser.RedactedRowNote, rows[line].Reason, StringComparison.Ordinal);
        }

        Assert.Equal("Invalid date '31/02/2026'" + CustomerEraser.RedactedRowNote, rows[shop.AnnaById.LineNumber].Reason);
        Assert.Equal("Duplicate of [erased]" + CustomerEraser.RedactedRowNote, rows[shop.AnnaByReason.LineNumber].Reason);
        Assert.Equal((shop.BobRow.Reason, shop.BobRow.RawLine), (rows[shop.BobRow.LineNumber].Reason, rows[shop.BobRow.LineNumber].RawLine));
        Assert.Equal(shop.StrangerRow.RawLine, rows[shop.StrangerRow.LineNumber].RawLine);
    }

    [Fact]
    public async Task EraseAsync_RenamesHerSessionsInEveryEvent_AndKeepsThemGrouped()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);
        await using var db = _db.CreateDbContext();
        var sessionsBefore = await db.Events.Select(e => e.SessionId).Distinct().CountAsync();

        await _eraser.EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);

        var sessions = await db.Events.GroupBy(e => e.SessionId).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(sessionsBefore, sessions.Count);
        // Her e-mail session came first; her web session keeps the anonymous visit that preceded the log-in.
        Assert.Equal(1, sessions[$"erased-{shop.Anna.Id}-1"]);
        Assert.Equal(4, sessions[$"erased-{shop.Anna.Id}-2"]);
        Assert.Equal(2, sessions[PrivacyTestShop.BobSession]);
        Assert.False(sessions.ContainsKey(PrivacyTestShop.AnnaSession));
    }

    [Fact]
    public async Task EraseAsync_RedactsMentionsInFreeText_AndKeepsTheRestOfIt()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);

        await _eraser.EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var campaign = await db.Campaigns.SingleAsync();
        Assert.Equal("Ask [erased] ([erased]) before sending: she wants the garden list.", campaign.Description);
        Assert.Equal("Spring books", campaign.Name);
    }

    [Fact]
    public async Task EraseAsync_AuditsTheErasureByIdOnly()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);

        await _eraser.EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);

        await using var db = _db.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.CustomerErased);
        Assert.Equal((Actor, AuditEntities.Customer, $"{shop.Anna.Id}", Now), (entry.Actor, entry.EntityType, entry.EntityId, entry.At));
        foreach (var personal in new[] { "C-ANNA-1", "Anna", "Lindqvist", "anna.lindqvist@example.com", "45 67" })
        {
            Assert.DoesNotContain(personal, entry.Details ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task EraseAsync_ChangesNothingMore_WhenCustomerWasErasedAlready()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);
        var first = await _eraser.EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);
        await using var db = _db.CreateDbContext();
        var customerAfterFirst = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == shop.Anna.Id);
        var sessionsAfterFirst = await db.Events.OrderBy(e => e.Id).Select(e => e.SessionId).ToListAsync();

        var second = await new CustomerEraser(_db, new AuditLog(_db, TimeProvider.System), TimeProvider.System)
            .EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);

        Assert.Equal(ErasureResult.AlreadyErased(shop.Anna.Id, first.ErasedAt), second);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == shop.Anna.Id);
        Assert.Equivalent(customerAfterFirst, customer);
        Assert.Equal(sessionsAfterFirst, await db.Events.OrderBy(e => e.Id).Select(e => e.SessionId).ToListAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.CustomerErased));
    }

    [Fact]
    public async Task EraseAsync_ReturnsNotFoundAndChangesNothing_WhenCustomerDoesNotExist()
    {
        await PrivacyTestShop.SeedAsync(_db);

        var result = await _eraser.EraseAsync(9999, Actor, CancellationToken.None);

        Assert.Equal(ErasureResult.NotFound(9999), result);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CustomerErased));
        Assert.False(await db.Customers.AnyAsync(c => c.ErasedAt != null));
    }

    [Fact]
    public async Task ExportAsync_ShowsOnlyTheAnonymousRow_AfterErasure()
    {
        var shop = await PrivacyTestShop.SeedAsync(_db);
        await _eraser.EraseAsync(shop.Anna.Id, Actor, CancellationToken.None);

        var export = await new CustomerDataExporter(_db, new AuditLog(_db, _clock), _clock).ExportAsync(shop.Anna.Id, Actor, CancellationToken.None);

        Assert.NotNull(export);
        Assert.Equal(($"erased-{shop.Anna.Id}", (string?)null, Now), (export.Customer.ExternalId, export.Customer.Email, export.Customer.ErasedAt));
        Assert.Equal(2, export.Orders.Count);
        Assert.Empty(export.RejectedImportRows);
    }
}
