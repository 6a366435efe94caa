using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>A basket-sequence encoder (GRU, self-attention, …) under the repeat/explore head.</summary>
internal sealed class SequenceNetwork : Module
{
    private readonly Module<Tensor, Tensor> _encoder;
    private readonly RepeatExploreHead _head;

    public SequenceNetwork(Module<Tensor, Tensor> encoder, RepeatExploreHead head) : base(nameof(SequenceNetwork))
    {
        _encoder = encoder;
        _head = head;
        RegisterComponents();
    }

    /// <summary>log P(item in the next basket) over the catalogue, [rows, items], from each row's state after its last basket.</summary>
    public Tensor LogProbabilities(BasketBatch batch)
    {
        var states = _encoder.call(batch.Baskets);
        var rows = states.shape[0];
        var last = states.gather(1, batch.LastSteps.view(rows, 1, 1).expand(rows, 1, states.shape[2])).squeeze(1);
        return _head.LogProbabilities(last, batch);
    }

    /// <summary>
    /// Sets every weight from <paramref name="seed"/> alone, through a generator of the model's own rather than torch's
    /// global one, so that a fit is reproducible even while other fits run. Matrices are uniform in ±1/√(fan-in), as
    /// PyTorch's defaults; biases and per-item scalars start at zero, layer-norm gains at one.
    /// </summary>
    public void Initialise(int seed)
    {
        using var generator = new Generator((ulong)seed, CPU);
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (parameter.dim() == 1 && name.EndsWith("weight", StringComparison.Ordinal))
            {
                parameter.fill_(1); // a one-dimensional weight is a normalisation gain
            }
            else if (parameter.dim() == 1 || parameter.shape[^1] == 1)
            {
                parameter.zero_();
            }
            else
            {
                var bound = 1 / Math.Sqrt(parameter.shape[^1]);
                parameter.uniform_(-bound, bound, generator);
            }
        }
    }
}
