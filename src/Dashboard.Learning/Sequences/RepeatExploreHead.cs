using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// Turns a customer's context (the encoder's state after their last basket) into log-probabilities over the catalogue
/// for the next basket, as a mixture after RepeatNet (Ren et al., AAAI 2019):
/// P(i) = g · P_repeat(i) + (1 − g) · P_explore(i), where
/// <list type="bullet">
/// <item>P_repeat is a softmax over the customer's own earlier items (<see cref="RepeatCandidates"/>) of
/// s(i) = log w(i) + MLP(features(i), context) + q(context) · k(i) + r(i): the repeat baseline's recency-weighted
/// frequency w, which ranks own items well already, plus a learned correction from the item's purchase count, recency,
/// share of baskets and usual gap, the context, a per-item affinity and a per-item repeatability;</item>
/// <item>P_explore is a softmax over the whole catalogue from the context;</item>
/// <item>g = σ(gate(context, customer features)) is how likely the next purchase is a repeat, closed when the customer
/// has nothing to repeat.</item>
/// </list>
/// Starting from log w means the untrained repeat side already ranks as the baseline does, and training only has to
/// learn where it is wrong; the mixture's probabilities are what a basket's log-likelihood is taken under.
/// </summary>
internal sealed class RepeatExploreHead : Module
{
    private const float Excluded = -1e9f;

    private readonly Linear _explore;
    private readonly Linear _featureLayer;
    private readonly Linear _contextLayer;
    private readonly Linear _correction;
    private readonly Linear _query;
    private readonly Embedding _keys;
    private readonly Embedding _repeatability;
    private readonly Linear _gate;
    private readonly SequenceTokens _tokens;
    private readonly double _attentionScale;

    public RepeatExploreHead(SequenceTokens tokens, SequenceModelOptions options) : base(nameof(RepeatExploreHead))
    {
        _tokens = tokens;
        _attentionScale = 1 / Math.Sqrt(options.RepeatAttentionSize);
        _explore = Linear(options.HiddenSize, tokens.ItemCount);
        _featureLayer = Linear(RepeatCandidates.PerItem, options.RepeatHiddenSize);
        _contextLayer = Linear(options.HiddenSize, options.RepeatHiddenSize, hasBias: false);
        _correction = Linear(options.RepeatHiddenSize, 1);
        _query = Linear(options.HiddenSize, options.RepeatAttentionSize, hasBias: false);
        _keys = Embedding(tokens.Count, options.RepeatAttentionSize);
        _repeatability = Embedding(tokens.Count, 1);
        _gate = Linear(options.HiddenSize + RepeatCandidates.PerCustomer, 1);
        RegisterComponents();
    }

    /// <summary>log P(i) for every catalogue item, [rows, items], from the contexts [rows, hidden].</summary>
    public Tensor LogProbabilities(Tensor context, BasketBatch batch)
    {
        var rows = context.shape[0];
        var noCandidates = batch.CandidateMask.any(-1).logical_not();
        var repeat = log_softmax(RepeatLogits(context, batch).masked_fill(batch.CandidateMask.logical_not(), Excluded), -1);
        var repeatOverCatalogue = full(rows, _tokens.Count, Excluded, device: context.device)
            .scatter(1, batch.Candidates, repeat)
            .narrow(1, 0, _tokens.ItemCount); // drops the padding column that padded candidates point to
        var gate = _gate.call(cat([context, batch.Customer], -1)).squeeze(-1).masked_fill(noCandidates, Excluded).unsqueeze(-1);
        var explore = log_softmax(_explore.call(context), -1);
        return logaddexp(logsigmoid(gate) + repeatOverCatalogue, logsigmoid(-gate) + explore);
    }

    /// <summary>s(i) for each candidate, [rows, candidates]; padded candidates get a value that the caller masks.</summary>
    private Tensor RepeatLogits(Tensor context, BasketBatch batch)
    {
        var features = batch.CandidateFeatures;
        var hidden = relu(_featureLayer.call(features) + _contextLayer.call(context).unsqueeze(1));
        var affinity = (_keys.call(batch.Candidates) * _query.call(context).unsqueeze(1)).sum(-1) * _attentionScale;
        var baseline = features.select(-1, 0); // log w, kept unweighted: the residual's starting point
        return baseline + _correction.call(hidden).squeeze(-1) + affinity + _repeatability.call(batch.Candidates).squeeze(-1);
    }
}
