using Dashboard.Web.Components;

namespace Dashboard.Web.Tests.Components;

public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 1)]
    [InlineData(9, 5)]
    [InlineData(40, 10)]
    [InlineData(3200, 1000)]
    [InlineData(54368.62, 20000)]
    public void NiceStep_ReturnsRoundSpacing_WhenMaximumIs(double max, int expected) =>
        Assert.Equal(expected, ChartScale.NiceStep(max));
}
