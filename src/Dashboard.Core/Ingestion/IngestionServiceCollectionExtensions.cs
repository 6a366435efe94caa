using Dashboard.Core.Ingestion.OnlineRetail;
using Dashboard.Core.Ingestion.OwnFormats;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>The import service and the importers of the file formats Core reads.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddTransient<ImportService>();
        services.AddImporter<CustomersImporter>(ImportKind.Customers);
        services.AddImporter<ProductsImporter>(ImportKind.Products);
        services.AddImporter<OrdersImporter>(ImportKind.Orders);
        services.AddImporter<EventsImporter>(ImportKind.Events);
        services.AddImporter<OnlineRetailImporter>(ImportKind.OnlineRetail);
        return services;
    }

    /// <summary>
    /// Registers the importer of one kind of file. It is transient: <see cref="ImportService"/> gets a new instance for
    /// every run, so an importer may keep per-run caches in its fields.
    /// </summary>
    public static IServiceCollection AddImporter<TImporter>(this IServiceCollection services, ImportKind kind)
        where TImporter : FileImporter
    {
        services.AddKeyedTransient<FileImporter, TImporter>(kind);
        return services;
    }
}
