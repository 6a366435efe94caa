namespace Dashboard.Learning.Sequences;

/// <summary>
/// Keeps, basket by basket along one customer's timeline, what <see cref="RepeatCandidates"/> needs about each item they
/// bought, so that every point of the timeline can be described without reading the history again.
/// </summary>
internal sealed class RepeatMemory(double halfLifeBaskets)
{
    private readonly Dictionary<int, ItemRecord> _items = [];
    private int _baskets;
    private int _laterPurchases;
    private int _laterRepeats;

    /// <summary>Records the next basket (distinct items).</summary>
    public void Add(int[] basket)
    {
        foreach (var item in basket)
        {
            if (_baskets > 0)
            {
                _laterPurchases++;
                _laterRepeats += _items.ContainsKey(item) ? 1 : 0;
            }

            // w decays by 0.5^(gap / halfLife) between purchases, so keeping it as of the last purchase suffices.
            _items[item] = _items.TryGetValue(item, out var seen)
                ? new ItemRecord(seen.Count + 1, seen.First, _baskets, (seen.Weight * Decay(_baskets - seen.Last)) + 1)
                : new ItemRecord(1, _baskets, _baskets, 1);
        }

        _baskets++;
    }

    /// <summary>The features after every basket added so far, for the <paramref name="maxItems"/> items of highest w (ties by index).</summary>
    public RepeatCandidates Describe(int maxItems)
    {
        var latest = _baskets - 1;
        var ranked = _items
            .Select(pair => (Item: pair.Key, Record: pair.Value, Weight: pair.Value.Weight * Decay(latest - pair.Value.Last)))
            .OrderByDescending(c => c.Weight).ThenBy(c => c.Item)
            .Take(maxItems)
            .ToArray();
        var features = new float[ranked.Length * RepeatCandidates.PerItem];
        for (var i = 0; i < ranked.Length; i++)
        {
            var (_, record, weight) = ranked[i];
            var row = features.AsSpan(i * RepeatCandidates.PerItem, RepeatCandidates.PerItem);
            row[0] = (float)Math.Log(weight);
            row[1] = (float)Math.Log(1 + record.Count);
            row[2] = (float)Math.Log(1 + latest - record.Last);
            row[3] = (float)record.Count / _baskets;
            row[4] = (float)Math.Log(1 + latest - record.First);
        }

        float[] customer =
        [
            (float)Math.Log(1 + _baskets),
            (float)Math.Log(1 + _items.Count),
            _laterPurchases == 0 ? 0 : (float)_laterRepeats / _laterPurchases,
        ];
        return new RepeatCandidates([.. ranked.Select(c => c.Item)], features, customer);
    }

    private double Decay(int baskets) => Math.Pow(0.5, baskets / halfLifeBaskets);

    /// <param name="Weight">w as of the basket <paramref name="Last"/>.</param>
    private readonly record struct ItemRecord(int Count, int First, int Last, double Weight);
}
