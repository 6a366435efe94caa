using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// SASRec's encoder (Kang and McAuley, 2018), read basket by basket: each basket's mean item embedding plus a position
/// embedding through causal self-attention blocks, so that each step attends only to itself and the baskets before.
/// One state per step.
/// </summary>
/// <remarks>No dropout: it would draw from torch's global random source, which concurrent fits share, and fits here
/// are short enough that the held-out hit rate shows no overfitting to regularise against.</remarks>
internal sealed class SelfAttentionEncoder : Module<Tensor, Tensor>
{
    private readonly BasketEmbedding _baskets;
    private readonly Embedding _positions;
    private readonly ModuleList<TransformerEncoderLayer> _blocks;
    private readonly LayerNorm _norm;

    public SelfAttentionEncoder(SequenceTokens tokens, SequenceModelOptions options) : base(nameof(SelfAttentionEncoder))
    {
        var width = options.HiddenSize;
        _baskets = new BasketEmbedding(tokens, width);
        _positions = Embedding(options.MaxBaskets + 1, width); // the start basket, then the history's
        _blocks = ModuleList([.. Enumerable.Range(0, options.AttentionBlocks)
            .Select(_ => TransformerEncoderLayer(width, options.AttentionHeads, dim_feedforward: width, dropout: 0))]);
        _norm = LayerNorm(width);
        RegisterComponents();
    }

    /// <summary>States [rows, steps, hidden] for basket tokens [rows, steps, width].</summary>
    public override Tensor forward(Tensor baskets)
    {
        var steps = baskets.shape[1];
        var positions = arange(steps, device: baskets.device);
        var future = triu(full(steps, steps, float.NegativeInfinity, device: baskets.device), 1);
        var states = (_baskets.call(baskets) + _positions.call(positions)).transpose(0, 1); // the layers read [steps, rows, hidden]
        foreach (var block in _blocks)
        {
            states = block.call(states, future);
        }

        return _norm.call(states.transpose(0, 1));
    }
}
