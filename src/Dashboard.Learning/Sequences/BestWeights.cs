using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// A copy of a network's weights from its best epoch by held-out score, put back once training ends: how many epochs
/// suit depends on the data (on Online Retail the held-out recall peaks after a few, on the demo data it still rises
/// after ten), so a fit runs its epochs and keeps the best of them rather than the last.
/// </summary>
internal sealed class BestWeights : IDisposable
{
    private Tensor[] _copy = [];
    private double _score = double.NegativeInfinity;

    /// <summary>Copies the weights when <paramref name="score"/> beats every earlier one.</summary>
    public void Offer(Module network, double score)
    {
        if (score <= _score)
        {
            return;
        }

        using var noGrad = no_grad();
        Release();
        _copy = [.. network.parameters().Select(p => p.detach().clone())];
        _score = score;
    }

    /// <summary>Writes the best weights back into <paramref name="network"/>; no-op when none was offered.</summary>
    public void Restore(Module network)
    {
        using var noGrad = no_grad();
        foreach (var (parameter, copy) in network.parameters().Zip(_copy))
        {
            parameter.copy_(copy);
        }
    }

    public void Dispose() => Release();

    private void Release()
    {
        foreach (var tensor in _copy)
        {
            tensor.Dispose();
        }

        _copy = [];
    }
}
