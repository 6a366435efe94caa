using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Preprocessing;

public sealed class PurchaseSequencesTests : IDisposable
{
    private static readonly PurchaseWindow Everything = new(null, null);

    private readonly SqliteTestDatabase _db = new();
    private readonly PreprocessingShop _shop = new();
    private readonly PurchaseSequences _sequences;

    public PurchaseSequencesTests() => _sequences = new PurchaseSequences(_db);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task ReadAsync_YieldsEachKnownCustomersPurchases_BeforeTheCutoff()
    {
        await _shop.SaveAsync(_db);

        var sequences = await _sequences.ReadAsync(PurchaseWindow.BeforeCutoff(PreprocessingShop.Cutoff)).ToListAsync();

        // Carol buys only from the cut-off on, Erin only returned, X1 is anonymous; Dave is erased but keeps his history.
        Assert.Equal([_shop.Alice.Id, _shop.Bob.Id, _shop.Dave.Id], sequences.Select(s => s.CustomerId));
        Assert.Equal(["A1 B1x2", "A1 G1x1", "A2 B2x1", "A2 T1x2", "A3 B1x1"], await DescribeAsync(sequences[0].Steps));
        Assert.Equal(["BO1 G1x1", "BO2 T1x1"], await DescribeAsync(sequences[1].Steps));
        Assert.Equal(["D1 G1x1"], await DescribeAsync(sequences[2].Steps));
        Assert.Equal(PreprocessingShop.At(3, 2, 10, 15), sequences[0].Steps[0].PlacedAt);
        Assert.True(sequences[0].Steps[0].LineId < sequences[0].Steps[1].LineId);
    }

    [Fact]
    public async Task ReadAsync_OrdersStepsByTimeThenOrderIdThenLineId()
    {
        await _shop.SaveAsync(_db);
        var sameTime = PreprocessingShop.At(5, 10, 8, 0);
        await AddPurchaseAsync("S1", _shop.Bob.Id, sameTime, _shop.T1.Id);
        await AddPurchaseAsync("S2", _shop.Bob.Id, sameTime, _shop.B2.Id, _shop.B1.Id);
        await AddPurchaseAsync("S0", _shop.Bob.Id, PreprocessingShop.At(5, 1, 8, 0), _shop.B1.Id);

        var bob = (await _sequences.ReadAsync(PurchaseWindow.BeforeCutoff(PreprocessingShop.Cutoff)).ToListAsync())
            .Single(s => s.CustomerId == _shop.Bob.Id);

        // S0 has the highest id but the earliest time; S1 and S2 share a time, so the lower order id goes first.
        Assert.Equal(["S0 B1x1", "BO1 G1x1", "BO2 T1x1", "S1 T1x1", "S2 B2x1", "S2 B1x1"], await DescribeAsync(bob.Steps));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // four customers: two full pages, then an empty one
    [InlineData(3)]
    public async Task ReadAsync_GivesTheSameSequences_WhateverThePageSize(int customersPerPage)
    {
        await _shop.SaveAsync(_db);

        var paged = await _sequences.ReadAsync(Everything, customersPerPage).ToListAsync();
        var whole = await _sequences.ReadAsync(Everything, customersPerPage: 1000).ToListAsync();

        Assert.Equal(4, whole.Count);
        Assert.Equal(Flatten(whole), Flatten(paged));
    }

    [Fact]
    public async Task ReadAsync_ReadsOnePageAtATime_AsTheCallerAdvances()
    {
        await _shop.SaveAsync(_db);
        var contexts = new CountingFactory(_db);
        var sequences = new PurchaseSequences(contexts);

        await using var reader = sequences.ReadAsync(Everything, customersPerPage: 2).GetAsyncEnumerator();

        // Four customers with purchases: pages [Alice, Bob], [Carol, Dave], then an empty page ends it.
        Assert.Equal(0, contexts.Created);
        Assert.True(await reader.MoveNextAsync());
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(1, contexts.Created);
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal(2, contexts.Created);
        Assert.True(await reader.MoveNextAsync());
        Assert.False(await reader.MoveNextAsync());
        Assert.Equal(3, contexts.Created);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(PurchaseSequences.DefaultCustomersPerPage)]
    public async Task ReadSplitAsync_SplitsAtTheCutoff_IntoHistoryAndHeldOutNextPurchases(int customersPerPage)
    {
        await _shop.SaveAsync(_db);

        var splits = await _sequences.ReadSplitAsync(PreprocessingShop.Cutoff, heldOutDays: 30, customersPerPage).ToListAsync();

        Assert.Equal([_shop.Alice.Id, _shop.Bob.Id, _shop.Carol.Id, _shop.Dave.Id], splits.Select(s => s.CustomerId));
        var (alice, bob, carol, dave) = (splits[0], splits[1], splits[2], splits[3]);
        Assert.Equal(5, alice.History.Count);
        Assert.Equal(["A4 G1x1"], await DescribeAsync(alice.HeldOut)); // A5 on 07-01 is past the 30 days
        Assert.Equal((2, 0), (bob.History.Count, bob.HeldOut.Count));   // his return is no purchase
        Assert.Empty(carol.History);
        Assert.Equal(["C0 B1x1", "C1 B2x2"], await DescribeAsync(carol.HeldOut)); // C0 is placed at the cut-off itself
        Assert.Equal((1, 0), (dave.History.Count, dave.HeldOut.Count));
        Assert.All(splits, s => Assert.All(s.History, step => Assert.True(step.PlacedAt < PreprocessingShop.Cutoff)));
    }

    [Fact]
    public async Task ForCustomersAsync_ReturnsEveryRequestedCustomer_WithTheirPurchasesInTheWindow()
    {
        await _shop.SaveAsync(_db);

        var sequences = await _sequences.ForCustomersAsync(
            [_shop.Alice.Id, _shop.Carol.Id, _shop.Erin.Id, _shop.Alice.Id], PurchaseWindow.Since(PreprocessingShop.At(5, 1, 0, 0)));

        Assert.Equal(3, sequences.Count);
        Assert.Equal(["A3 B1x1", "A4 G1x1", "A5 T1x1"], await DescribeAsync(sequences[_shop.Alice.Id].Steps));
        Assert.Equal(["C0 B1x1", "C1 B2x2"], await DescribeAsync(sequences[_shop.Carol.Id].Steps));
        Assert.Empty(sequences[_shop.Erin.Id].Steps);
    }

    [Fact]
    public async Task PopularityAsync_CountsOrdersAndUnits_AnonymousIncluded()
    {
        _shop.T1.IsActive = false;
        await _shop.SaveAsync(_db);

        var may = await _sequences.PopularityAsync(new PurchaseWindow(PreprocessingShop.At(5, 1, 0, 0), PreprocessingShop.Cutoff));

        // May: A3 (B1), BO1 (G1), BO2 (T1), anonymous X1 (B1x5); A2 in April and the returns do not count.
        Assert.Equal(
            [
                new ItemPopularity(_shop.B1.Id, "Books", true, 2, 6),
                new ItemPopularity(_shop.G1.Id, "Garden", true, 1, 1),
                new ItemPopularity(_shop.T1.Id, "Toys", false, 1, 1),
            ],
            may);
    }

    [Fact]
    public async Task NewestPurchaseAtAsync_IsTheLatestPurchaseOrder()
    {
        Assert.Null(await _sequences.NewestPurchaseAtAsync());

        await _shop.SaveAsync(_db);

        Assert.Equal(PreprocessingShop.At(7, 1, 0, 0), await _sequences.NewestPurchaseAtAsync());
    }

    private static List<(int, DateTime, int, int, int, int)> Flatten(IEnumerable<CustomerSequence> sequences) =>
        [.. sequences.SelectMany(s => s.Steps.Select(p => (s.CustomerId, p.PlacedAt, p.OrderId, p.LineId, p.ProductId, p.Quantity)))];

    /// <summary>"Invoice SKUxQuantity" per step, so expectations read like the shop's orders.</summary>
    private async Task<List<string>> DescribeAsync(IEnumerable<PurchaseStep> steps)
    {
        await using var db = _db.CreateDbContext();
        var invoices = await db.Orders.ToDictionaryAsync(o => o.Id, o => o.InvoiceNo);
        var skus = await db.Products.ToDictionaryAsync(p => p.Id, p => p.Sku);
        return [.. steps.Select(s => $"{invoices[s.OrderId]} {skus[s.ProductId]}x{s.Quantity}")];
    }

    /// <summary>A purchase of one unit of each product, saved on its own so that its id is the next one.</summary>
    private async Task AddPurchaseAsync(string invoice, int customerId, DateTime placedAt, params int[] productIds)
    {
        await using var db = _db.CreateDbContext();
        db.Orders.Add(new Order
        {
            InvoiceNo = invoice,
            CustomerId = customerId,
            PlacedAt = placedAt,
            Country = "United Kingdom",
            Lines = [.. productIds.Select(id => new OrderLine { ProductId = id, Quantity = 1, UnitPrice = 1m })],
        });
        await db.SaveChangesAsync();
    }

    private sealed class CountingFactory(IDbContextFactory<DashboardDbContext> inner) : IDbContextFactory<DashboardDbContext>
    {
        public int Created { get; private set; }

        public DashboardDbContext CreateDbContext()
        {
            Created++;
            return inner.CreateDbContext();
        }
    }
}
