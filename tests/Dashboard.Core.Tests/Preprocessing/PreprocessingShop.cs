using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Persistence;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Preprocessing;

/// <summary>
/// A small shop whose preprocessing numbers are worked out by hand in the tests. The cut-off is Monday 2026-06-01 00:00;
/// weekdays are noted beside each order. Amounts: B1 10, B2 20, G1 30, T1 5.
/// </summary>
public sealed class PreprocessingShop
{
    public static readonly DateTime Cutoff = At(6, 1, 0, 0);

    public Product B1 { get; } = TestShop.Product("B1", "Books", 10m);
    public Product B2 { get; } = TestShop.Product("B2", "Books", 20m);
    public Product G1 { get; } = TestShop.Product("G1", "Garden", 30m);
    public Product T1 { get; } = TestShop.Product("T1", "Toys", 5m);

    /// <summary>Three purchases and a return before the cut-off, two purchases after it.</summary>
    public Customer Alice { get; } = TestShop.Customer("alice");

    /// <summary>Two purchases that tie on weekday, hour and category; a return after the cut-off.</summary>
    public Customer Bob { get; } = TestShop.Customer("bob");

    /// <summary>Buys only at and after the cut-off.</summary>
    public Customer Carol { get; } = TestShop.Customer("carol");

    /// <summary>Erased, with one purchase.</summary>
    public Customer Dave { get; } = TestShop.Customer("dave");

    /// <summary>Only a return (of a purchase before the data starts).</summary>
    public Customer Erin { get; } = TestShop.Customer("erin");

    public static DateTime At(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    public async Task SaveAsync(IDbContextFactory<DashboardDbContext> db)
    {
        Dave.ErasedAt = At(6, 15, 0, 0);
        // Saved one by one so that ids follow the order below.
        object[] entities =
        [
            B1, B2, G1, T1, Alice, Bob, Carol, Dave, Erin,
            TestShop.Purchase("A1", Alice, At(3, 2, 10, 15), (B1, 2), (G1, 1)),   // Mon, 50
            TestShop.Purchase("A2", Alice, At(4, 27, 10, 40), (B2, 1), (T1, 2)),  // Mon, 30
            TestShop.Purchase("A3", Alice, At(5, 20, 18, 5), (B1, 1)),            // Wed, 10
            TestShop.Return("AR", Alice, At(5, 25, 12, 0), (B1, 1)),              // Mon, return 10
            TestShop.Purchase("A4", Alice, At(6, 3, 9, 0), (G1, 1)),              // after: 30
            TestShop.Purchase("A5", Alice, At(7, 1, 0, 0), (T1, 1)),              // after, outside a 30-day label window
            TestShop.Purchase("BO1", Bob, At(5, 3, 9, 0), (G1, 1)),               // Sun, 30
            TestShop.Purchase("BO2", Bob, At(5, 9, 14, 30), (T1, 1)),             // Sat, 5
            TestShop.Return("BOR", Bob, At(6, 5, 10, 0), (T1, 1)),                // after: return 5
            TestShop.Purchase("C0", Carol, Cutoff, (B1, 1)),                      // exactly at the cut-off: 10
            TestShop.Purchase("C1", Carol, At(6, 10, 20, 0), (B2, 2)),            // after: 40
            TestShop.Purchase("D1", Dave, At(4, 1, 12, 0), (G1, 1)),              // Wed, 30
            TestShop.Return("ER", Erin, At(5, 15, 16, 0), (T1, 1)),               // return 5
            TestShop.Purchase("X1", null, At(5, 30, 11, 0), (B1, 5)),             // anonymous, Sat
            TestShop.Purchase("X2", null, At(6, 2, 11, 0), (T1, 1)),              // anonymous, after
        ];
        await using var context = await db.CreateDbContextAsync();
        foreach (var entity in entities)
        {
            context.Add(entity);
            await context.SaveChangesAsync();
        }
    }
}
