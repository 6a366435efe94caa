using static TorchSharp.torch;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// Next-basket examples as padded tensors:
/// <list type="bullet">
/// <item><see cref="Baskets"/> [rows, steps, width]: a start basket, then the history's last baskets (at most
/// MaxBaskets, each cut to MaxBasketItems items), right-padded with the padding token; <see cref="LastSteps"/> [rows] is
/// each row's last real step, whose state the heads read (the encoders are causal, so padding after it never reaches it);</item>
/// <item><see cref="Candidates"/> [rows, c] (padding token where a row has fewer), their features [rows, c, PerItem],
/// <see cref="CandidateMask"/> [rows, c] true where real, and the customer features [rows, PerCustomer];</item>
/// <item><see cref="Targets"/> [rows, t] and <see cref="TargetMask"/> [rows, t], 1 where real.</item>
/// </list>
/// </summary>
internal sealed record BasketBatch(
    Tensor Baskets,
    Tensor LastSteps,
    Tensor Candidates,
    Tensor CandidateFeatures,
    Tensor CandidateMask,
    Tensor Customer,
    Tensor Targets,
    Tensor TargetMask)
{
    public static BasketBatch Of(IReadOnlyList<NextBasketExample> examples, SequenceTokens tokens, SequenceModelOptions options, Device device)
    {
        var histories = examples.Select(e => e.Timeline.Baskets.Take(e.Boundary).TakeLast(options.MaxBaskets).ToArray()).ToArray();
        var steps = histories.Max(h => h.Length) + 1;
        var width = Math.Max(1, histories.SelectMany(h => h).Select(b => Math.Min(b.Length, options.MaxBasketItems)).DefaultIfEmpty(0).Max());
        var baskets = new long[examples.Count * steps * width];
        Array.Fill(baskets, tokens.Padding);
        var lastSteps = new long[examples.Count];
        for (var row = 0; row < examples.Count; row++)
        {
            baskets[row * steps * width] = tokens.Start;
            for (var step = 1; step <= histories[row].Length; step++)
            {
                var basket = histories[row][step - 1];
                var at = ((row * steps) + step) * width;
                for (var i = 0; i < Math.Min(basket.Length, options.MaxBasketItems); i++)
                {
                    baskets[at + i] = basket[i];
                }
            }

            lastSteps[row] = histories[row].Length;
        }

        var (candidates, features, mask) = CandidateTensors(examples, tokens);
        var customer = examples.SelectMany(e => e.Repeat.Customer).ToArray();
        var (targets, targetMask) = TargetTensors(examples);
        return new BasketBatch(
            tensor(baskets, [examples.Count, steps, width], device: device),
            tensor(lastSteps, device: device),
            candidates.to(device),
            features.to(device),
            mask.to(device),
            tensor(customer, [examples.Count, RepeatCandidates.PerCustomer], device: device),
            targets.to(device),
            targetMask.to(device));
    }

    private static (Tensor Items, Tensor Features, Tensor Mask) CandidateTensors(IReadOnlyList<NextBasketExample> examples, SequenceTokens tokens)
    {
        var count = Math.Max(1, examples.Max(e => e.Repeat.Items.Length));
        var items = new long[examples.Count * count];
        Array.Fill(items, tokens.Padding);
        var features = new float[items.Length * RepeatCandidates.PerItem];
        var mask = new bool[items.Length];
        for (var row = 0; row < examples.Count; row++)
        {
            var repeat = examples[row].Repeat;
            for (var c = 0; c < repeat.Items.Length; c++)
            {
                items[(row * count) + c] = repeat.Items[c];
                mask[(row * count) + c] = true;
            }

            repeat.Features.CopyTo(features, row * count * RepeatCandidates.PerItem);
        }

        return (tensor(items, [examples.Count, count]), tensor(features, [examples.Count, count, RepeatCandidates.PerItem]), tensor(mask, [examples.Count, count]));
    }

    private static (Tensor Targets, Tensor Mask) TargetTensors(IReadOnlyList<NextBasketExample> examples)
    {
        var count = Math.Max(1, examples.Max(e => e.Targets.Length));
        var targets = new long[examples.Count * count];
        var mask = new float[targets.Length];
        for (var row = 0; row < examples.Count; row++)
        {
            var basket = examples[row].Targets;
            for (var t = 0; t < basket.Length; t++)
            {
                targets[(row * count) + t] = basket[t];
                mask[(row * count) + t] = 1;
            }
        }

        return (tensor(targets, [examples.Count, count]), tensor(mask, [examples.Count, count]));
    }
}
