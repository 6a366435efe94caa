namespace Dashboard.Core.Ingestion.OnlineRetail;

/// <summary>One order line of the UCI Online Retail file, parsed.</summary>
/// <param name="Quantity">As in the file: negative on cancellations.</param>
/// <param name="CustomerId">Without the ".0" a spreadsheet adds; null for an anonymous checkout.</param>
public sealed record OnlineRetailRow(
    string InvoiceNo,
    string StockCode,
    string Description,
    int Quantity,
    DateTime InvoiceDate,
    decimal UnitPrice,
    string? CustomerId,
    string Country)
{
    /// <summary>A cancellation invoice: its number starts with "C".</summary>
    public bool IsCancellation => InvoiceNo.StartsWith('C') || InvoiceNo.StartsWith('c');
}
