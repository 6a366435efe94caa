using Bunit;
using Dashboard.Web.Overview;
using Dashboard.Web.Tests.Infrastructure;
using MudBlazor;

namespace Dashboard.Web.Tests.Overview;

public sealed class DailyRevenueChartTests : DashboardComponentTest
{
    private static readonly DateOnly FirstDay = new(2026, 3, 2);

    [Fact]
    public void Render_SaysNoOrders_WhenEveryDayIsZero()
    {
        var days = Enumerable.Range(0, 30).Select(i => new DailySales(FirstDay.AddDays(i), 0, 0m)).ToList();

        var cut = Render<DailyRevenueChart>(ps => ps.Add(p => p.Days, days));

        Assert.Contains("No orders in these days.", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindComponents<MudChart<double>>());
    }

    [Fact]
    public void Render_PlotsRevenueAsLineAndPurchasesAsBars_WhenThereAreOrders()
    {
        var days = new List<DailySales>
        {
            new(FirstDay, 2, 110.60m),
            new(FirstDay.AddDays(1), 0, -20.00m),
            new(FirstDay.AddDays(2), 1, 49.25m),
        };

        var cut = Render<DailyRevenueChart>(ps => ps.Add(p => p.Days, days));

        var charts = cut.FindComponents<MudChart<double>>();
        Assert.Equal(2, charts.Count);
        var revenue = charts[0].Instance;
        var purchases = charts[1].Instance;
        Assert.Equal(ChartType.Line, revenue.ChartType);
        Assert.Equal([110.60, -20.00, 49.25], Assert.Single(revenue.ChartSeries).Data.Values);
        Assert.Equal(ChartType.Bar, purchases.ChartType);
        Assert.Equal([2.0, 0.0, 1.0], Assert.Single(purchases.ChartSeries).Data.Values);
        Assert.Equal(["Mar 2", "", "Mar 4"], revenue.ChartLabels);
    }
}
