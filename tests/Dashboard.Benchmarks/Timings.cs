namespace Dashboard.Benchmarks;

/// <summary>Summary of repeated timings in milliseconds: median and 95th percentile (nearest rank), min and max.</summary>
public sealed record Timings(int Runs, double MedianMs, double P95Ms, double MinMs, double MaxMs)
{
    public static Timings Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            throw new ArgumentException("No timings.", nameof(milliseconds));
        }

        var sorted = milliseconds.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Timings(sorted.Length, median, Percentile(sorted, 0.95), sorted[0], sorted[^1]);
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
