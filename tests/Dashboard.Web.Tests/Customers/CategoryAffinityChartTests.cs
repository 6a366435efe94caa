using Bunit;
using Dashboard.Web.Customers;
using Dashboard.Web.Tests.Infrastructure;
using MudBlazor;

namespace Dashboard.Web.Tests.Customers;

public sealed class CategoryAffinityChartTests : DashboardComponentTest
{
    [Fact]
    public void Render_DrawsEachTopCategory_AndTheRestAsOther()
    {
        var cut = Render<CategoryAffinityChart>(p => p.Add(x => x.Categories, [new("Kitchen", 0.6), new("Garden", 0.25), new("Toys", 0.1)]));

        var chart = cut.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(ChartType.Donut, chart.ChartType);
        Assert.Equal([60.0, 25.0, 10.0, 5.0], Assert.Single(chart.ChartSeries).Data.Values);
        Assert.Equal(["Kitchen 60.0 %", "Garden 25.0 %", "Toys 10.0 %", "Other categories 5.0 %"], chart.ChartLabels);
        Assert.Empty(cut.FindAll("[data-testid=category-affinity-empty]"));
    }

    [Fact]
    public void Render_AddsNoOtherSlice_WhenTheTopCategoriesAreEverything()
    {
        var cut = Render<CategoryAffinityChart>(p => p.Add(x => x.Categories, [new("Kitchen", 0.7), new("Garden", 0.3)]));

        var chart = cut.FindComponent<MudChart<double>>().Instance;
        Assert.Equal([70.0, 30.0], Assert.Single(chart.ChartSeries).Data.Values);
        Assert.Equal(["Kitchen 70.0 %", "Garden 30.0 %"], chart.ChartLabels);
    }

    [Fact]
    public void Render_SaysNoPurchases_WhenThereAreNoCategories()
    {
        var cut = Render<CategoryAffinityChart>(p => p.Add(x => x.Categories, []));

        Assert.Contains("No purchases yet", cut.Find("[data-testid=category-affinity-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindComponents<MudChart<double>>());
    }
}
