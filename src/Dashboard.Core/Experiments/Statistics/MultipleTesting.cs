namespace Dashboard.Core.Experiments.Statistics;

/// <summary>
/// Adjusted p-values for several treatments compared with one control, as statsmodels'
/// <c>multipletests(p, method="holm")</c> and <c>multipletests(p, method="fdr_bh")</c>: compare each adjusted value with
/// the unadjusted alpha.
/// </summary>
public static class MultipleTesting
{
    /// <summary>Holm-Bonferroni step-down: controls the family-wise error rate, uniformly more powerful than Bonferroni.</summary>
    public static IReadOnlyList<double> Holm(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var adjusted = new double[m];
        var running = 0.0;
        foreach (var (index, rank) in Ascending(pValues).Select((index, rank) => (index, rank)))
        {
            running = Math.Max(running, Math.Min(1, (m - rank) * pValues[index]));
            adjusted[index] = running;
        }

        return adjusted;
    }

    /// <summary>Benjamini-Hochberg step-up: controls the false discovery rate among the treatments called winners or losers.</summary>
    public static IReadOnlyList<double> BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var adjusted = new double[m];
        var running = 1.0;
        var order = Ascending(pValues);
        for (var rank = m - 1; rank >= 0; rank--)
        {
            var index = order[rank];
            running = Math.Min(running, (double)m / (rank + 1) * pValues[index]);
            adjusted[index] = running;
        }

        return adjusted;
    }

    private static int[] Ascending(IReadOnlyList<double> pValues)
    {
        if (pValues.Any(p => p is < 0 or > 1 || double.IsNaN(p)))
        {
            throw new ArgumentException("P-values lie between 0 and 1.", nameof(pValues));
        }

        return [.. Enumerable.Range(0, pValues.Count).OrderBy(i => pValues[i])];
    }
}
