using Dashboard.Core.Customers;

namespace Dashboard.Core.Orders;

public enum OrderKind
{
    Purchase = 1,

    /// <summary>A cancellation or return: lines hold positive quantities that were given back.</summary>
    Return = 2,
}

public class Order
{
    public int Id { get; set; }

    /// <summary>Invoice number as the shop wrote it (natural key).</summary>
    public required string InvoiceNo { get; set; }

    /// <summary>Null for anonymous checkouts: they count for item statistics, not for profiles.</summary>
    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }

    public OrderKind Kind { get; set; } = OrderKind.Purchase;

    /// <summary>For a return, the purchase it gives back when known.</summary>
    public int? OriginalOrderId { get; set; }

    public DateTime PlacedAt { get; set; }
    public required string Country { get; set; }

    /// <summary>Sum of the lines, kept on the order so revenue queries need no join.</summary>
    public decimal Total { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public void RecalculateTotal() => Total = Lines.Sum(l => l.UnitPrice * l.Quantity);
}
