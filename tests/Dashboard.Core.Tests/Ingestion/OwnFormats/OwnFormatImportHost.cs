using System.Text;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Ingestion.OwnFormats;

/// <summary>
/// A real SQLite database with the pipeline's services as the hosts register them and a fixed clock, the import
/// service resolved from them, and small CSV files in the product's own formats written by the tests.
/// </summary>
public sealed class OwnFormatImportHost : IDisposable
{
    public const string CustomersHeader = "customer_id,first_name,last_name,email,phone,country,created_at,email_opt_in,push_opt_in,ads_opt_in";
    public const string ProductsHeader = "sku,name,category,price,is_active";
    public const string OrdersHeader = "invoice_no,customer_id,placed_at,country,sku,quantity,unit_price,kind";
    public const string EventsHeader = "occurred_at,session_id,customer_id,type,sku,campaign_id";

    /// <summary>The clock of every service: imports run at this instant.</summary>
    public static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private readonly ServiceProvider _services;
    private readonly string _directory;

    public OwnFormatImportHost()
        : this(_ => { })
    {
    }

    /// <param name="configure">Changes to the services as the hosts register them, e.g. an importer set up for a test.</param>
    public OwnFormatImportHost(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FixedTimeProvider(new DateTimeOffset(Now)))
            .AddSingleton<IDbContextFactory<DashboardDbContext>>(Database)
            .AddPipeline();
        configure(services);
        _services = services.BuildServiceProvider();
        _directory = Path.Combine(Database.Directory, "files");
        Directory.CreateDirectory(_directory);
    }

    public SqliteTestDatabase Database { get; } = new();

    public IServiceProvider Services => _services;

    /// <summary>A CSV file: the header, then the lines (the header is line 1, the first of <paramref name="lines"/> line 2).</summary>
    public string Write(string name, string header, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, header + "\n" + string.Join("\n", lines) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    public Task<ImportRunReport> ImportAsync(ImportKind kind, string path, int rowsPerBatch = 5_000)
    {
        var importer = _services.GetRequiredService<ImportService>();
        importer.RowsPerBatch = rowsPerBatch;
        return importer.ImportAsync(kind, path, Path.GetFileName(path), "tests@shop.example", null, CancellationToken.None);
    }

    /// <summary>Writes the file and imports it, checking that the run succeeded and that its counts add up.</summary>
    public async Task<ImportRunReport> ImportAsync(ImportKind kind, string name, string header, params string[] lines)
    {
        var report = await ImportAsync(kind, Write(name, header, lines));
        Assert.True(report.Status == ImportStatus.Succeeded, $"{report.Status}: {report.Error}");
        Assert.Equal(report.RowsRead, report.Accepted + report.Flagged + report.Rejected);
        return report;
    }

    /// <summary>The run's rejected and flagged rows, in line order.</summary>
    public async Task<List<ImportRejectedRow>> ListedAsync(int runId)
    {
        await using var db = Database.CreateDbContext();
        return await db.ImportRejectedRows.Where(r => r.ImportRunId == runId).OrderBy(r => r.LineNumber).ToListAsync();
    }

    /// <summary>The customers C1 (United Kingdom), C2 (France) and C3 (Norway), and the products P1 (7.50), P2 (3.20) and P3 (12.00).</summary>
    public async Task SeedCustomersAndProductsAsync()
    {
        await ImportAsync(ImportKind.Customers, "seed_customers.csv", CustomersHeader,
            "C1,Ann,Archer,ann@example.com,,United Kingdom,2024-03-01,true,false,true",
            "C2,Bea,Blum,bea@example.com,,France,2024-04-01,true,true,true",
            "C3,Cai,Chen,cai@example.com,,Norway,2024-05-01,false,false,false");
        await ImportAsync(ImportKind.Products, "seed_products.csv", ProductsHeader,
            "P1,Enamel mug,Kitchen,7.50,true",
            "P2,Tea towel,Kitchen,3.20,true",
            "P3,Candle,Home,12.00,true");
    }

    public async Task<TableCounts> CountAsync()
    {
        await using var db = Database.CreateDbContext();
        return new TableCounts(
            await db.Customers.CountAsync(),
            await db.Products.CountAsync(),
            await db.Orders.CountAsync(),
            await db.Orders.CountAsync(o => o.Kind == OrderKind.Return),
            await db.OrderLines.CountAsync(),
            await db.Events.CountAsync());
    }

    public void Dispose()
    {
        _services.Dispose();
        Database.Dispose();
    }

    public sealed record TableCounts(int Customers, int Products, int Orders, int Returns, int OrderLines, int Events);
}
