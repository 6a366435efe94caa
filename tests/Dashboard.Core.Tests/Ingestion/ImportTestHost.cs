using System.Text;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Ingestion;

/// <summary>
/// A real SQLite database with the pipeline's services as the hosts register them, the import service resolved from
/// them, and a scratch directory for files the tests write.
/// </summary>
public sealed class ImportTestHost : IDisposable
{
    public const string OnlineRetailHeader = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    private readonly ServiceProvider _services;

    public ImportTestHost()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDbContextFactory<DashboardDbContext>>(Database)
            .AddPipeline()
            .BuildServiceProvider();
        Directory = Path.Combine(Database.Directory, "files");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public SqliteTestDatabase Database { get; } = new();

    public string Directory { get; }

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures", "online_retail_sample.csv");

    /// <summary>A new import service (as the hosts get one per job), with the given batch size.</summary>
    public ImportService Importer(int rowsPerBatch = 5_000)
    {
        var importer = _services.GetRequiredService<ImportService>();
        importer.RowsPerBatch = rowsPerBatch;
        return importer;
    }

    public Task<ImportRunReport> ImportAsync(string path, int rowsPerBatch = 5_000, IProgress<ImportProgress>? progress = null, CancellationToken ct = default) =>
        Importer(rowsPerBatch).ImportAsync(ImportKind.OnlineRetail, path, Path.GetFileName(path), "tests@shop.example", progress, ct);

    public string WriteText(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An Online Retail file: the header, then the given lines.</summary>
    public string WriteOnlineRetail(string name, params string[] lines) =>
        WriteText(name, OnlineRetailHeader + "\n" + string.Join("\n", lines) + "\n");

    public async Task<TableCounts> CountAsync()
    {
        await using var db = Database.CreateDbContext();
        return new TableCounts(
            await db.Customers.CountAsync(),
            await db.Products.CountAsync(),
            await db.Orders.CountAsync(),
            await db.Orders.CountAsync(o => o.Kind == OrderKind.Return),
            await db.OrderLines.CountAsync(),
            await db.Events.CountAsync(),
            await db.ImportRejectedRows.CountAsync());
    }

    public void Dispose()
    {
        _services.Dispose();
        Database.Dispose();
    }

    public sealed record TableCounts(int Customers, int Products, int Orders, int Returns, int OrderLines, int Events, int ListedRows);
}

/// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, so a test can act at an exact point.</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
