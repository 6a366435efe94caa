using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// One vector per basket: the mean of its items' embeddings (padding left out), so that the encoders read a history
/// order by order. Items within an order have no meaningful order of their own, and a mean keeps a 3-item and a
/// 300-item order on the same scale.
/// </summary>
internal sealed class BasketEmbedding : Module<Tensor, Tensor>
{
    private readonly Embedding _items;
    private readonly int _padding;

    public BasketEmbedding(SequenceTokens tokens, int size) : base(nameof(BasketEmbedding))
    {
        _items = Embedding(tokens.Count, size);
        _padding = tokens.Padding;
        RegisterComponents();
    }

    /// <summary>[rows, steps, size] for basket tokens [rows, steps, width]; an all-padding step gives zeros.</summary>
    public override Tensor forward(Tensor baskets)
    {
        var real = baskets.ne(_padding).unsqueeze(-1).to_type(ScalarType.Float32);
        return (_items.call(baskets) * real).sum(2) / real.sum(2).clamp_min(1);
    }
}
