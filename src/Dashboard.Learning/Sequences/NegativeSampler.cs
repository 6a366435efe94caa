using static TorchSharp.torch;

namespace Dashboard.Learning.Sequences;

/// <summary>The sampled catalogue items of one batch and log(expected count) of each, for the softmax estimate's correction.</summary>
internal sealed record SampledNegatives(Tensor Items, Tensor LogExpectedCount);

/// <summary>
/// Draws negatives for a sampled softmax in proportion to (purchases + 1)^exponent, from the fit's own seeded random
/// source. Popular items are drawn more often, which makes them harder negatives; the log-Q correction keeps the
/// estimate of the full softmax unbiased in the limit whatever the proportions.
/// </summary>
internal sealed class NegativeSampler
{
    private readonly double[] _cumulative;
    private readonly double[] _probability;
    private readonly Random _random;

    public NegativeSampler(IEnumerable<int[]> sequences, int itemCount, double exponent, Random random)
    {
        var purchases = new double[itemCount];
        foreach (var item in sequences.SelectMany(s => s))
        {
            purchases[item]++;
        }

        var weights = purchases.Select(count => Math.Pow(count + 1, exponent)).ToArray();
        var total = weights.Sum();
        _probability = [.. weights.Select(w => w / total)];
        _cumulative = new double[itemCount];
        var running = 0.0;
        for (var i = 0; i < itemCount; i++)
        {
            running += _probability[i];
            _cumulative[i] = running;
        }

        _random = random;
    }

    public SampledNegatives Draw(int count, Device device)
    {
        var items = new long[count];
        var logExpectedCount = new float[count];
        for (var k = 0; k < count; k++)
        {
#pragma warning disable CA5394 // Sampling for training, not security; seeded for reproducibility.
            var index = Array.BinarySearch(_cumulative, _random.NextDouble());
#pragma warning restore CA5394
            var item = Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1);
            items[k] = item;
            logExpectedCount[k] = (float)Math.Log(count * _probability[item]);
        }

        return new SampledNegatives(tensor(items, device: device), tensor(logExpectedCount, device: device));
    }
}
