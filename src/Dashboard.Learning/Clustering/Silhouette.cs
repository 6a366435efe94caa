namespace Dashboard.Learning.Clustering;

/// <summary>
/// The mean silhouette coefficient of a labelled set of points (Rousseeuw 1987), with Euclidean distances. ML.NET's
/// clustering metrics offer the Davies-Bouldin index and NMI but no silhouette, and it is a few lines, so it is here.
/// For a point i in cluster A: a = mean distance to the other members of A, b = the smallest mean distance to the members
/// of another cluster, s = (b - a) / max(a, b); a point alone in its cluster has s = 0. Values run from -1 to 1, higher
/// is better. O(n² · d): callers pass a sample (see <see cref="Sample"/>).
/// </summary>
internal static class Silhouette
{
    /// <summary>The mean of s(i) over all points; 0 when fewer than two clusters have members.</summary>
    public static double Mean(IReadOnlyList<double[]> points, IReadOnlyList<int> labels)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(labels.Count, points.Count, nameof(labels));
        var clusters = labels.Distinct().Order().ToArray();
        if (clusters.Length < 2)
        {
            return 0;
        }

        var slot = clusters.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => x.i);
        var sizes = new int[clusters.Length];
        foreach (var label in labels)
        {
            sizes[slot[label]]++;
        }

        var total = 0.0;
        var sums = new double[clusters.Length];
        for (var i = 0; i < points.Count; i++)
        {
            Array.Clear(sums);
            for (var j = 0; j < points.Count; j++)
            {
                if (i != j)
                {
                    sums[slot[labels[j]]] += Distance(points[i], points[j]);
                }
            }

            var own = slot[labels[i]];
            if (sizes[own] == 1)
            {
                continue; // s(i) = 0 by definition
            }

            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < clusters.Length; c++)
            {
                if (c != own)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }

            var max = Math.Max(a, b);
            total += max > 0 ? (b - a) / max : 0;
        }

        return total / points.Count;
    }

    /// <summary>Up to <paramref name="size"/> distinct indices into 0..count-1, the same for the same seed (all when count fits).</summary>
    public static int[] Sample(int count, int size, int seed)
    {
        var indices = Enumerable.Range(0, count).ToArray();
        if (count <= size)
        {
            return indices;
        }

        // Partial Fisher-Yates with a seeded generator: deterministic across runs.
#pragma warning disable CA5394 // Not security relevant: a reproducible sample.
        var random = new Random(seed);
        for (var i = 0; i < size; i++)
        {
            var j = random.Next(i, count);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
#pragma warning restore CA5394

        var sample = indices[..size];
        Array.Sort(sample);
        return sample;
    }

    private static double Distance(double[] x, double[] y)
    {
        var sum = 0.0;
        for (var d = 0; d < x.Length; d++)
        {
            var diff = x[d] - y[d];
            sum += diff * diff;
        }

        return Math.Sqrt(sum);
    }
}
