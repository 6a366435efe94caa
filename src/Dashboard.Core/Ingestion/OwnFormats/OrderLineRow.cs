using Dashboard.Core.Orders;

namespace Dashboard.Core.Ingestion.OwnFormats;

/// <summary>One row of an orders file (an order line), parsed.</summary>
/// <param name="CustomerId">Null for an anonymous order.</param>
/// <param name="Country">As in the file; empty when not given (the order then takes its customer's country).</param>
/// <param name="Quantity">Always positive: a return's quantities are what was given back.</param>
/// <param name="Kind">From the kind column, else a return when the invoice starts with "C" or the quantity is negative.</param>
public sealed record OrderLineRow(
    string InvoiceNo,
    string? CustomerId,
    DateTime PlacedAt,
    string Country,
    string Sku,
    int Quantity,
    decimal UnitPrice,
    OrderKind Kind);
