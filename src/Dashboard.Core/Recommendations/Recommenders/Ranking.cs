namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// The one rule that turns scores into a ranked list: higher score first, ties by lower item index (so the same scores
/// always give the same list), NaN last. Evaluation and neighbour selection both use it, so they rank alike.
/// </summary>
public static class Ranking
{
    /// <summary>
    /// Fills <paramref name="top"/> with the indices of the best min(top.Length, scores.Length) scores, best first, and
    /// returns how many it wrote. One pass with a sorted buffer: O(n·k) at worst, about O(n) for k ≪ n.
    /// </summary>
    public static int Top(ReadOnlySpan<float> scores, Span<int> top)
    {
        var k = Math.Min(top.Length, scores.Length);
        if (k == 0)
        {
            return 0;
        }

        Span<float> kept = k <= 256 ? stackalloc float[k] : new float[k];
        var count = 0;
        for (var item = 0; item < scores.Length; item++)
        {
            var score = float.IsNaN(scores[item]) ? float.NegativeInfinity : scores[item];
            // Items arrive in index order, so an equal score never displaces an earlier item.
            if (count == k && !(score > kept[k - 1]))
            {
                continue;
            }

            var position = count < k ? count++ : k - 1;
            while (position > 0 && score > kept[position - 1])
            {
                kept[position] = kept[position - 1];
                top[position] = top[position - 1];
                position--;
            }

            kept[position] = score;
            top[position] = item;
        }

        return k;
    }
}
