using Dashboard.Core.Orders;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Recommendations.Serving;

/// <summary>
/// The one-connection reads of a request give what the purchase sequences give, for every customer of the shop; through
/// contexts kept open between requests too, which still see every change committed since.
/// </summary>
public sealed class ServingReadsTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task EveryCustomer_GetsThePurchaseSequenceAndTheReturnsOfPurchaseSequences()
    {
        await ServingTestShop.SeedAsync(_db);
        var sequences = new PurchaseSequences(_db);
        await using var db = _db.CreateDbContext();
        var customers = await db.Customers.Where(c => c.ErasedAt == null).Select(c => new { c.Id, c.ExternalId }).ToListAsync();

        foreach (var customer in customers)
        {
            var expectedHistory = (await sequences.ForCustomersAsync([customer.Id], new PurchaseWindow(null, null)))[customer.Id].Steps;
            var expectedReturns = await sequences.ReturnedProductsAsync(customer.Id);

            var byExternalId = await ServingReads.ByExternalIdAsync(_db, null, customer.ExternalId, CancellationToken.None);
            var byId = await ServingReads.ByIdAsync(_db, null, customer.Id, CancellationToken.None);

            foreach (var read in new[] { byExternalId, byId })
            {
                Assert.NotNull(read);
                Assert.Equal(customer.Id, read.CustomerId);
                Assert.Equal(expectedHistory, read.History);
                Assert.Equal(expectedReturns.Order(), read.Returned.Order());
            }
        }

        var ann = await ServingReads.ByExternalIdAsync(_db, null, "ANN", CancellationToken.None);
        Assert.Equal(5, ann!.History.Count);
        Assert.Single(ann.Returned);
    }

    [Fact]
    public async Task ContextsKeptOpen_ReadTheSame_AndSeeWhatWasCommittedSince()
    {
        await ServingTestShop.SeedAsync(_db);
        using var open = new ServingReadContexts(_db);
        var before = await ServingReads.ByExternalIdAsync(_db, open, "ANN", CancellationToken.None);
        Assert.Equal((await ServingReads.ByExternalIdAsync(_db, null, "ANN", CancellationToken.None))!.History, before!.History);
        Assert.NotNull(await ServingReads.ByExternalIdAsync(_db, open, "CARA", CancellationToken.None));

        // Written through another connection while the kept ones sit open: a new purchase, a return, an erasure.
        await using (var db = _db.CreateDbContext())
        {
            var ann = await db.Customers.SingleAsync(c => c.ExternalId == "ANN");
            var (a5, g1) = (await db.Products.SingleAsync(p => p.Sku == "A5"), await db.Products.SingleAsync(p => p.Sku == "G1"));
            db.Orders.Add(TestShop.Purchase("ann-5", ann, ServingTestShop.Today, (a5, 1)));
            db.Orders.Add(new Order
            {
                InvoiceNo = "ann-r2", Customer = ann, Kind = OrderKind.Return, PlacedAt = ServingTestShop.Today, Country = "United Kingdom",
                Lines = [new OrderLine { Product = g1, Quantity = 1 }],
            });
            await db.Customers.Where(c => c.ExternalId == "CARA").ExecuteUpdateAsync(s => s.SetProperty(c => c.ErasedAt, ServingTestShop.Today));
            await db.SaveChangesAsync();
        }

        var after = await ServingReads.ByExternalIdAsync(_db, open, "ANN", CancellationToken.None);

        Assert.Equal(before.History.Count + 1, after!.History.Count);
        Assert.Equal("ann-5", await InvoiceOfAsync(after.History[^1].OrderId));
        Assert.Equal(2, after.Returned.Count);
        Assert.Null(await ServingReads.ByExternalIdAsync(_db, open, "CARA", CancellationToken.None));
    }

    [Fact]
    public async Task ServingWithContextsKeptOpen_AnswersAsWithout()
    {
        await ServingTestShop.SeedAsync(_db);
        await ServingTestShop.PromoteChampionAsync(_db, new RepeatRecommender());
        using var open = new ServingReadContexts(_db);
        var plain = ServingTestShop.Serving(_db);
        var kept = ServingTestShop.Serving(_db, readContexts: open);

        foreach (var customer in new[] { "ANN", "BOB", "CARA", "DAN", "nobody" })
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(
                    (await plain.ForExternalIdAsync(customer, 10)).Items,
                    (await kept.ForExternalIdAsync(customer, 10)).Items);
            }
        }
    }

    [Fact]
    public async Task AFailedRead_DoesNotSpoilTheNext_NorDoesDisposing()
    {
        await ServingTestShop.SeedAsync(_db);
        var open = new ServingReadContexts(_db);
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ServingReads.ByExternalIdAsync(_db, open, "ANN", cancelled.Token));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => open.ReadAsync<int>(_ => throw new InvalidOperationException("boom"), CancellationToken.None));
        Assert.NotNull(await ServingReads.ByExternalIdAsync(_db, open, "ANN", CancellationToken.None));

        open.Dispose();

        Assert.NotNull(await ServingReads.ByExternalIdAsync(_db, open, "ANN", CancellationToken.None));
    }

    [Fact]
    public async Task ErasedAndUnknownCustomers_AreNotRead()
    {
        await ServingTestShop.SeedAsync(_db);
        await using var db = _db.CreateDbContext();
        var dan = await db.Customers.Where(c => c.ExternalId == "DAN").Select(c => c.Id).SingleAsync();

        Assert.Null(await ServingReads.ByExternalIdAsync(_db, null, "DAN", CancellationToken.None));
        Assert.Null(await ServingReads.ByExternalIdAsync(_db, null, "nobody", CancellationToken.None));
        Assert.Null(await ServingReads.ByIdAsync(_db, null, dan, CancellationToken.None));
        Assert.Null(await ServingReads.ByIdAsync(_db, null, int.MaxValue, CancellationToken.None));
    }

    private async Task<string> InvoiceOfAsync(int orderId)
    {
        await using var db = _db.CreateDbContext();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.InvoiceNo).SingleAsync();
    }
}
