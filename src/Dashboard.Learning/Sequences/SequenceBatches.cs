using Dashboard.Core.Recommendations.Recommenders;
using static TorchSharp.torch;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// Customers' item sequences as padded batches. Each row reads [start, s0, …] and, at every position, learns to predict
/// the next item, so one pass over a batch trains on every prefix of every sequence in it (rather than GRU4Rec's
/// session-parallel mini-batches, which carry hidden state across batches: with sequences cut to a few dozen items,
/// whole padded sequences are simpler, batch the recurrent pass better, and train on the same prefix → next pairs).
/// Rows are right-padded; the networks are causal, so padding after a row's end never reaches its real positions.
/// </summary>
internal static class SequenceBatches
{
    /// <summary>The customer's last <paramref name="maxLength"/> items in time order (indices outside the catalogue skipped).</summary>
    public static int[] LastItems(CustomerHistory history, int itemCount, int maxLength) =>
        [.. history.Interactions.Select(i => i.Item).Where(item => item >= 0 && item < itemCount).TakeLast(maxLength)];

    /// <summary>Tokens [start, s0, …, s(n-2)], targets [s0, …, s(n-1)] and a 1/0 mask of real positions, each [rows, longest].</summary>
    public static (Tensor Tokens, Tensor Targets, Tensor Mask) ForTraining(IReadOnlyList<int[]> sequences, SequenceTokens tokens, Device device)
    {
        var width = sequences.Max(s => s.Length);
        var input = new long[sequences.Count * width];
        var targets = new long[input.Length];
        var mask = new float[input.Length];
        Array.Fill(input, tokens.Padding);
        for (var row = 0; row < sequences.Count; row++)
        {
            var sequence = sequences[row];
            var offset = row * width;
            input[offset] = tokens.Start;
            for (var t = 0; t < sequence.Length; t++)
            {
                if (t > 0)
                {
                    input[offset + t] = sequence[t - 1];
                }

                targets[offset + t] = sequence[t];
                mask[offset + t] = 1;
            }
        }

        long[] shape = [sequences.Count, width];
        return (tensor(input, shape, device: device), tensor(targets, shape, device: device), tensor(mask, shape, device: device));
    }

    /// <summary>Tokens [start, p0, …, p(n-1)] per prefix, [rows, longest], and the position of each row's last token.</summary>
    public static (Tensor Tokens, Tensor LastPositions) ForScoring(IReadOnlyList<int[]> prefixes, SequenceTokens tokens, Device device)
    {
        var width = prefixes.Max(p => p.Length) + 1;
        var input = new long[prefixes.Count * width];
        Array.Fill(input, tokens.Padding);
        var last = new long[prefixes.Count];
        for (var row = 0; row < prefixes.Count; row++)
        {
            input[row * width] = tokens.Start;
            prefixes[row].Select(item => (long)item).ToArray().CopyTo(input, (row * width) + 1);
            last[row] = prefixes[row].Length;
        }

        return (tensor(input, [prefixes.Count, width], device: device), tensor(last, device: device));
    }
}
