using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>GRU4Rec's encoder (Hidasi et al., 2016; 2018): item embeddings read in order by a GRU, one state per position.</summary>
internal sealed class GruEncoder : Module<Tensor, Tensor>
{
    private readonly Embedding _items;
    private readonly GRU _gru;

    public GruEncoder(SequenceTokens tokens, SequenceModelOptions options) : base(nameof(GruEncoder))
    {
        _items = Embedding(tokens.Count, options.EmbeddingSize);
        _gru = GRU(options.EmbeddingSize, options.HiddenSize, batchFirst: true);
        RegisterComponents();
    }

    /// <summary>States [rows, positions, hidden] for tokens [rows, positions].</summary>
    public override Tensor forward(Tensor tokens) => _gru.call(_items.call(tokens)).Item1;
}
