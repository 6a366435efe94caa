using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Recommendations.Serving;

/// <summary>The one-connection reads of a request give what the purchase sequences give, for every customer of the shop.</summary>
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

            var byExternalId = await ServingReads.ByExternalIdAsync(_db, customer.ExternalId, CancellationToken.None);
            var byId = await ServingReads.ByIdAsync(_db, customer.Id, CancellationToken.None);

            foreach (var read in new[] { byExternalId, byId })
            {
                Assert.NotNull(read);
                Assert.Equal(customer.Id, read.CustomerId);
                Assert.Equal(expectedHistory, read.History);
                Assert.Equal(expectedReturns.Order(), read.Returned.Order());
            }
        }

        var ann = await ServingReads.ByExternalIdAsync(_db, "ANN", CancellationToken.None);
        Assert.Equal(5, ann!.History.Count);
        Assert.Single(ann.Returned);
    }

    [Fact]
    public async Task ErasedAndUnknownCustomers_AreNotRead()
    {
        await ServingTestShop.SeedAsync(_db);
        await using var db = _db.CreateDbContext();
        var dan = await db.Customers.Where(c => c.ExternalId == "DAN").Select(c => c.Id).SingleAsync();

        Assert.Null(await ServingReads.ByExternalIdAsync(_db, "DAN", CancellationToken.None));
        Assert.Null(await ServingReads.ByExternalIdAsync(_db, "nobody", CancellationToken.None));
        Assert.Null(await ServingReads.ByIdAsync(_db, dan, CancellationToken.None));
        Assert.Null(await ServingReads.ByIdAsync(_db, int.MaxValue, CancellationToken.None));
    }
}
