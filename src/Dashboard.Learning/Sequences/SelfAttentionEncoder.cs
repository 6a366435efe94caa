using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// SASRec's encoder (Kang and McAuley, 2018): item plus position embeddings through causal self-attention blocks, so
/// that each position attends only to itself and what came before. One state per position.
/// </summary>
/// <remarks>No dropout: it would draw from torch's global random source, which concurrent fits share, and fits here
/// are short enough that the held-out hit rate shows no overfitting to regularise against.</remarks>
internal sealed class SelfAttentionEncoder : Module<Tensor, Tensor>
{
    private readonly Embedding _items;
    private readonly Embedding _positions;
    private readonly ModuleList<TransformerEncoderLayer> _blocks;
    private readonly LayerNorm _norm;

    public SelfAttentionEncoder(SequenceTokens tokens, SequenceModelOptions options) : base(nameof(SelfAttentionEncoder))
    {
        var width = options.HiddenSize;
        _items = Embedding(tokens.Count, width);
        _positions = Embedding(options.MaxLength, width);
        _blocks = ModuleList([.. Enumerable.Range(0, options.AttentionBlocks)
            .Select(_ => TransformerEncoderLayer(width, options.AttentionHeads, dim_feedforward: width, dropout: 0))]);
        _norm = LayerNorm(width);
        RegisterComponents();
    }

    /// <summary>States [rows, positions, hidden] for tokens [rows, positions].</summary>
    public override Tensor forward(Tensor tokens)
    {
        var width = tokens.shape[1];
        var positions = arange(width, device: tokens.device);
        var future = triu(full(width, width, float.NegativeInfinity, device: tokens.device), 1);
        var states = (_items.call(tokens) + _positions.call(positions)).transpose(0, 1); // the layers read [positions, rows, hidden]
        foreach (var block in _blocks)
        {
            states = block.call(states, future);
        }

        return _norm.call(states.transpose(0, 1));
    }
}
