using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>GRU4Rec's encoder (Hidasi et al., 2016; 2018), read basket by basket: a GRU over the baskets' mean item embeddings, one state per step.</summary>
internal sealed class GruEncoder : Module<Tensor, Tensor>
{
    private readonly BasketEmbedding _baskets;
    private readonly GRU _gru;

    public GruEncoder(SequenceTokens tokens, SequenceModelOptions options) : base(nameof(GruEncoder))
    {
        _baskets = new BasketEmbedding(tokens, options.EmbeddingSize);
        _gru = GRU(options.EmbeddingSize, options.HiddenSize, batchFirst: true);
        RegisterComponents();
    }

    /// <summary>States [rows, steps, hidden] for basket tokens [rows, steps, width].</summary>
    public override Tensor forward(Tensor baskets) => _gru.call(_baskets.call(baskets)).Item1;
}
