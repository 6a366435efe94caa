using Dashboard.Core.Customers;
using Dashboard.Core.Demo;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.Core.Tests.Demo;

/// <summary>Determinism, refusal and bookkeeping of <see cref="DemoDataGenerator"/>.</summary>
public sealed class DemoDataGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SeedAsync_WritesIdenticalContent_WhenSeededTwiceWithTheSameOptions()
    {
        using var first = new SqliteTestDatabase();
        using var second = new SqliteTestDatabase();

        var a = await DemoTestShop.SeedAndLoadAsync(first, DemoTestShop.Options());
        var b = await DemoTestShop.SeedAndLoadAsync(second, DemoTestShop.Options());

        output.WriteLine($"canonical hash {a.CanonicalHash()}");
        Assert.Equal(a.CanonicalHash(), b.CanonicalHash());
    }

    [Fact]
    public async Task SeedAsync_WritesDifferentContent_WhenTheSeedDiffers()
    {
        using var first = new SqliteTestDatabase();
        using var second = new SqliteTestDatabase();

        var a = await DemoTestShop.SeedAndLoadAsync(first, DemoTestShop.Options(seed: 7));
        var b = await DemoTestShop.SeedAndLoadAsync(second, DemoTestShop.Options(seed: 8));

        Assert.NotEqual(a.CanonicalHash(), b.CanonicalHash());
        Assert.NotEqual(a.Customers.Select(c => c.Email).Order(), b.Customers.Select(c => c.Email).Order());
    }

    [Fact]
    public async Task SeedAsync_WritesIdenticalContent_WhenTheBatchSizeDiffers()
    {
        using var first = new SqliteTestDatabase();
        using var second = new SqliteTestDatabase();

        await DemoTestShop.SeedAsync(first, DemoTestShop.Options(), customersPerBatch: 250);
        await DemoTestShop.SeedAsync(second, DemoTestShop.Options(), customersPerBatch: 7);

        Assert.Equal((await ShopSnapshot.LoadAsync(first)).CanonicalHash(), (await ShopSnapshot.LoadAsync(second)).CanonicalHash());
    }

    [Fact]
    public async Task SeedAsync_ThrowsAndWritesNothing_WhenTheDatabaseHoldsCustomers()
    {
        using var database = new SqliteTestDatabase();
        await using (var db = database.CreateDbContext())
        {
            db.Customers.Add(new Customer { ExternalId = "REAL-1", Country = "United Kingdom", CreatedAt = DemoTestShop.EndDate });
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(
                () => new DemoDataGenerator().SeedAsync(db, DemoTestShop.Options()));
            Assert.Contains("already holds data", error.Message, StringComparison.Ordinal);
            Assert.Contains("1 customers", error.Message, StringComparison.Ordinal);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(1, await db.Customers.CountAsync());
            Assert.Equal(0, await db.Products.CountAsync());
            Assert.Equal(0, await db.Events.CountAsync());
        }
    }

    [Fact]
    public async Task IsDatabaseEmptyAsync_ReturnsTrueThenFalse_WhenADemoShopIsSeeded()
    {
        using var database = new SqliteTestDatabase();
        await using var db = database.CreateDbContext();

        Assert.True(await DemoDataGenerator.IsDatabaseEmptyAsync(db, CancellationToken.None));
        await new DemoDataGenerator().SeedAsync(db, DemoTestShop.Options());

        Assert.False(await DemoDataGenerator.IsDatabaseEmptyAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task SeedAsync_ReportsCountsThatMatchTheDatabase_WhenItFinishes()
    {
        using var database = new SqliteTestDatabase();
        var result = await DemoTestShop.SeedAsync(database, DemoTestShop.Options());
        var shop = await ShopSnapshot.LoadAsync(database);

        Assert.Equal(shop.Customers.Count, result.Customers);
        Assert.Equal(300, result.Customers);
        Assert.Equal(shop.Products.Count, result.Products);
        Assert.Equal(120, result.Products);
        Assert.Equal(shop.Purchases.Count(), result.Orders);
        Assert.Equal(shop.Returns.Count(), result.Returns);
        Assert.Equal(shop.Orders.Sum(o => o.Lines.Count), result.OrderLines);
        Assert.Equal(shop.Events.Count, result.Events);
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task SeedAsync_ReportsMonotonicProgressEndingAtOne_WhenItFinishes()
    {
        using var database = new SqliteTestDatabase();
        await using var db = database.CreateDbContext();
        var reports = new List<DemoProgress>();

        await new DemoDataGenerator { CustomersPerBatch = 50 }.SeedAsync(db, DemoTestShop.Options(), new SynchronousProgress(reports.Add));

        Assert.True(reports.Count >= 6, $"only {reports.Count} progress reports");
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second.Fraction >= pair.First.Fraction));
        Assert.All(reports, r => Assert.InRange(r.Fraction, 0, 1));
        Assert.Contains(reports, r => r.Stage == DemoDataGenerator.CustomersStage);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public async Task SeedAsync_ThrowsArgumentException_WhenTheOptionsAreInvalid()
    {
        using var database = new SqliteTestDatabase();
        await using var db = database.CreateDbContext();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => new DemoDataGenerator().SeedAsync(db, DemoTestShop.Options() with { Customers = 0 }));

        Assert.Equal(nameof(DemoOptions.Customers), error.ParamName);
        Assert.True(await DemoDataGenerator.IsDatabaseEmptyAsync(db, CancellationToken.None));
    }

    [Fact]
    public async Task SeedAsync_WritesNothing_WhenCancelled()
    {
        using var database = new SqliteTestDatabase();
        using var cancellation = new CancellationTokenSource();
        await using (var db = database.CreateDbContext())
        {
            var progress = new SynchronousProgress(p =>
            {
                if (p.Stage == DemoDataGenerator.CustomersStage)
                {
                    cancellation.Cancel();
                }
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => new DemoDataGenerator { CustomersPerBatch = 50 }.SeedAsync(db, DemoTestShop.Options(), progress, cancellation.Token));
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.True(await DemoDataGenerator.IsDatabaseEmptyAsync(db, CancellationToken.None));
        }
    }

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; tests want the reports in order, now.</summary>
    private sealed class SynchronousProgress(Action<DemoProgress> report) : IProgress<DemoProgress>
    {
        public void Report(DemoProgress value) => report(value);
    }
}
