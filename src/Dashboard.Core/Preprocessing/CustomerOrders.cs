using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Preprocessing;

/// <summary>
/// What serving reads about one customer: their purchases (as <see cref="PurchaseSequences.ForCustomersAsync"/> gives
/// them with an open window) and the products they returned (as <see cref="PurchaseSequences.ReturnedProductsAsync"/>).
/// </summary>
internal sealed record CustomerPurchases(int CustomerId, IReadOnlyList<PurchaseStep> History, IReadOnlySet<int> Returned);

/// <summary>
/// One customer's purchases and returns on a context the caller holds (serving keeps its connection open between
/// requests): every line of their orders in one indexed query (orders by customer id and time, lines by order id), split
/// in memory into the purchase sequence and the returned products.
/// </summary>
internal static class CustomerOrders
{
    /// <summary>Every line of the customer's orders, both kinds, in the purchase sequences' order (time, order, line).</summary>
    private static IAsyncEnumerable<LineRow> LinesOf(DashboardDbContext db, int customerId) =>
        (from order in db.Orders
         where order.CustomerId == customerId
         join line in db.OrderLines on order.Id equals line.OrderId
         orderby order.PlacedAt, order.Id, line.Id
         select new LineRow(order.Kind, order.PlacedAt, order.Id, line.Id, line.ProductId, line.Quantity)).AsAsyncEnumerable();

    public static async Task<CustomerPurchases> ReadAsync(DashboardDbContext db, int customerId, CancellationToken cancellationToken)
    {
        var history = new List<PurchaseStep>();
        var returned = new HashSet<int>();
        await foreach (var row in LinesOf(db, customerId).WithCancellation(cancellationToken))
        {
            if (row.Kind == OrderKind.Purchase)
            {
                history.Add(new PurchaseStep(row.PlacedAt, row.OrderId, row.LineId, row.ProductId, row.Quantity));
            }
            else if (row.Kind == OrderKind.Return)
            {
                returned.Add(row.ProductId);
            }
        }

        return new CustomerPurchases(customerId, history, returned);
    }

    private sealed record LineRow(OrderKind Kind, DateTime PlacedAt, int OrderId, int LineId, int ProductId, int Quantity);
}
