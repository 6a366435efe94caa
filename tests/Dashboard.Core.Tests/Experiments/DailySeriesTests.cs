using Dashboard.Core.Experiments.Outcomes;

namespace Dashboard.Core.Tests.Experiments;

/// <summary>The daily series from attributed orders as stored, several a day for one member included.</summary>
public class DailySeriesTests
{
    [Fact]
    public void OrdersOfOneMemberOnOneDay_CountOneConverter_AndSquareTheirTotal()
    {
        // Variant 1 of 10 members: customer 7 buys 3 and 4 on 2 June, then 5 on 3 June; customer 8 buys 2 on 3 June.
        var variants = new[] { new VariantOutcomeSums(1, null, new OutcomeSums(10, 2, 14, 0, 0, 0, 0)) };
        AttributedRevenue Order(int customerId, int day, double revenue) =>
            new() { VariantId = 1, CustomerId = customerId, ConvertedAt = new DateTime(2026, 6, day, 9 + customerId, 0, 0, DateTimeKind.Utc), Revenue = revenue };

        var series = DailySeries.Accumulate(variants, [Order(7, 2, 3), Order(7, 2, 4), Order(7, 3, 5), Order(8, 3, 2)], new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 3));

        // 2 June: 7² = 49; 3 June: 12² + 2² = 148.
        Assert.Equal(
            [
                new(new DateOnly(2026, 6, 1), 1, 10, 0, 0, 0),
                new(new DateOnly(2026, 6, 2), 1, 10, 1, 7, 49),
                new DailyOutcomeSums(new DateOnly(2026, 6, 3), 1, 10, 2, 14, 148),
            ],
            series);
    }
}
