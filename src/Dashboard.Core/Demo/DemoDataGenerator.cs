using System.Diagnostics;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Demo;

/// <summary>
/// Fills an empty database with a believable demo shop, deterministically from <see cref="DemoOptions.Seed"/>.
/// Customers are simulated and written in batches, each customer from their own random streams, so
/// memory stays flat and the content does not depend on the batch size. The whole seed is one
/// transaction: it lands completely or not at all. Works on any provider of <see cref="DashboardDbContext"/>.
/// </summary>
public sealed class DemoDataGenerator
{
    public const string CatalogStage = "Catalog";
    public const string CustomersStage = "Customers";
    public const string CommitStage = "Commit";

    private int _customersPerBatch = 250;

    /// <summary>Customers simulated and saved together (tens of thousands of rows per batch at most). Does not change the content.</summary>
    public int CustomersPerBatch
    {
        get => _customersPerBatch;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _customersPerBatch = value;
        }
    }

    /// <summary>True when the database holds no customers, products, orders or events.</summary>
    public static async Task<bool> IsDatabaseEmptyAsync(DashboardDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return !await db.Customers.AnyAsync(ct)
            && !await db.Products.AnyAsync(ct)
            && !await db.Orders.AnyAsync(ct)
            && !await db.Events.AnyAsync(ct);
    }

    public async Task<DemoSeedResult> SeedAsync(
        DashboardDbContext db,
        DemoOptions options,
        IProgress<DemoProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var stopwatch = Stopwatch.StartNew();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            // A retrying strategy (SQL Server) needs the transaction inside it; a retry starts over from scratch.
            var strategy = db.Database.CreateExecutionStrategy();
            var counts = await strategy.ExecuteAsync(
                (db, options, progress, CustomersPerBatch),
                async (_, state, token) => await SeedInTransactionAsync(state.db, state.options, state.progress, state.CustomersPerBatch, token),
                verifySucceeded: null,
                ct);
            return counts with { Elapsed = stopwatch.Elapsed };
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static async Task<DemoSeedResult> SeedInTransactionAsync(
        DashboardDbContext db, DemoOptions options, IProgress<DemoProgress>? progress, int customersPerBatch, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await IsDatabaseEmptyAsync(db, ct))
        {
            var customerCount = await db.Customers.CountAsync(ct);
            var productCount = await db.Products.CountAsync(ct);
            throw new InvalidOperationException(
                $"The database already holds data ({customerCount} customers, {productCount} products); demo data is only " +
                "seeded into an empty database, so that it never mixes with real data. Use a new database file, " +
                "or empty this one first.");
        }

        progress?.Report(new DemoProgress(CatalogStage, 0));
        var catalog = DemoCatalog.Create(options);
        var products = catalog.Products.Select(p => p.ToEntity()).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var productIds = new int[products.Count + 1];
        for (var i = 0; i < products.Count; i++)
        {
            productIds[i + 1] = products[i].Id;
        }

        progress?.Report(new DemoProgress(CatalogStage, 0.01));

        var simulator = new DemoCustomerSimulator(options, catalog, productIds);
        var writer = new BatchWriter(db);
        for (var first = 1; first <= options.Customers; first += customersPerBatch)
        {
            ct.ThrowIfCancellationRequested();
            var last = Math.Min(options.Customers, first + customersPerBatch - 1);
            var batch = new List<SimulatedCustomer>(last - first + 1);
            for (var index = first; index <= last; index++)
            {
                batch.Add(simulator.Simulate(index));
            }

            await writer.WriteAsync(batch, ct);
            progress?.Report(new DemoProgress(CustomersStage, 0.01 + (0.98 * last / options.Customers)));
        }

        progress?.Report(new DemoProgress(CommitStage, 0.99));
        await transaction.CommitAsync(ct);
        progress?.Report(new DemoProgress(CommitStage, 1));
        return new DemoSeedResult(options.Customers, products.Count, writer.Orders, writer.Returns, writer.OrderLines, writer.Events, TimeSpan.Zero);
    }

    /// <summary>Writes simulated customers in dependency order and counts what it wrote.</summary>
    private sealed class BatchWriter(DashboardDbContext db)
    {
        private readonly BulkInsert<OrderLine> _lines = new(db);
        private readonly BulkInsert<BehaviorEvent> _events = new(db);

        public int Orders { get; private set; }
        public int Returns { get; private set; }
        public int OrderLines { get; private set; }
        public int Events { get; private set; }

        public async Task WriteAsync(List<SimulatedCustomer> batch, CancellationToken ct)
        {
            // 1. Customers and purchases through EF, which reads their new keys back. The purchases' lines
            //    are taken off first: they go in bulk with the events.
            var purchaseLines = new List<(Order Order, List<OrderLine> Lines)>();
            foreach (var simulated in batch)
            {
                db.Customers.Add(simulated.Customer);
                foreach (var order in simulated.Purchases)
                {
                    purchaseLines.Add((order, order.Lines));
                    order.Lines = [];
                }

                db.Orders.AddRange(simulated.Purchases);
            }

            await db.SaveChangesAsync(ct);

            // 2. Everything that points at them, now that the keys are known.
            var lineRows = new List<OrderLine>();
            foreach (var (order, orderLines) in purchaseLines)
            {
                orderLines.ForEach(l => l.OrderId = order.Id);
                lineRows.AddRange(orderLines);
            }

            var eventRows = new List<BehaviorEvent>();
            foreach (var simulated in batch)
            {
                simulated.Events.ForEach(e => e.CustomerId = simulated.Customer.Id);
                foreach (var (purchase, order) in simulated.PurchaseEvents)
                {
                    purchase.OrderId = order.Id;
                }

                foreach (var (ret, original) in simulated.Returns)
                {
                    ret.OriginalOrderId = original.Id;
                    db.Orders.Add(ret);
                    OrderLines += ret.Lines.Count;
                }

                eventRows.AddRange(simulated.Events);
                Orders += simulated.Purchases.Count;
                Returns += simulated.Returns.Count;
            }

            await _lines.InsertAsync(lineRows, ct);
            await _events.InsertAsync(eventRows, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            OrderLines += lineRows.Count;
            Events += eventRows.Count;
        }
    }
}
