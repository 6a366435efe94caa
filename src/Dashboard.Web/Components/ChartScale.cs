namespace Dashboard.Web.Components;

public static class ChartScale
{
    private static readonly int[] Multiples = [1, 2, 5, 10];

    /// <summary>
    /// A round y-axis tick spacing (1, 2 or 5 times a power of ten) giving about four ticks up to
    /// <paramref name="max"/>; MudBlazor's default spacing of 20 suits neither order counts nor revenue.
    /// </summary>
    public static int NiceStep(double max)
    {
        if (max <= 4)
        {
            return 1;
        }

        var rough = max / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return (int)Multiples.Select(f => f * magnitude).First(step => step >= rough);
    }
}
