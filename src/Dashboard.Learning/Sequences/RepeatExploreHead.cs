using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using static TorchSharp.torch.nn.functional;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// Turns sequence states into next-item probabilities as a mixture, after RepeatNet (Ren et al., AAAI 2019): a learned
/// gate weighs "buy again" — attention over the customer's own earlier items, by item, by how many purchases ago, and
/// summed over every time an item recurs (so frequency counts) — against "explore", a softmax over the whole catalogue.
/// In repeat-heavy retail a personal repeat-frequency baseline is hard to beat; this lets the model be that baseline
/// where repeats dominate, and a sequence model where they do not.
/// </summary>
internal sealed class RepeatExploreHead : Module
{
    private const float Excluded = -1e9f;

    private readonly Linear _explore;
    private readonly Linear _query;
    private readonly Embedding _keys;
    private readonly Embedding _repeatability;
    private readonly Embedding _recency;
    private readonly Linear _gate;
    private readonly SequenceTokens _tokens;
    private readonly int _maxDistance;
    private readonly double _attentionScale;

    public RepeatExploreHead(SequenceTokens tokens, SequenceModelOptions options) : base(nameof(RepeatExploreHead))
    {
        _tokens = tokens;
        _maxDistance = options.MaxLength - 1;
        _attentionScale = 1 / Math.Sqrt(options.RepeatAttentionSize);
        _explore = Linear(options.HiddenSize, tokens.ItemCount);
        _query = Linear(options.HiddenSize, options.RepeatAttentionSize, hasBias: false);
        _keys = Embedding(tokens.Count, options.RepeatAttentionSize);
        _repeatability = Embedding(tokens.Count, 1);
        _recency = Embedding(options.MaxLength, 1);
        _gate = Linear(options.HiddenSize, 1);
        RegisterComponents();
    }

    /// <summary>
    /// log P(target) at every position, [rows, positions], from the states there. With <paramref name="negatives"/> the
    /// explore side's softmax is estimated from them (log-Q corrected, accidental hits removed); without, it is exact.
    /// </summary>
    public Tensor LogLikelihood(Tensor states, Tensor tokens, Tensor targets, SampledNegatives? negatives)
    {
        var (rows, width) = (tokens.shape[0], tokens.shape[1]);
        var positions = arange(width, device: tokens.device).expand(rows, width);
        var repeat = RepeatAttention(states, positions, tokens);
        var repeatProbability = (repeat * tokens.unsqueeze(1).eq(targets.unsqueeze(2))).sum(-1);
        var exploreLog = negatives is null ? ExactExploreLog(states, targets) : SampledExploreLog(states, targets, negatives);
        var gate = GateLogit(states, positions);
        return logaddexp(logsigmoid(gate) + repeatProbability.clamp_min(1e-8).log(), logsigmoid(-gate) + exploreLog);
    }

    /// <summary>P(next item) over the catalogue, [rows, items], after each row's token at <paramref name="lastPositions"/>.</summary>
    public Tensor NextItemProbabilities(Tensor states, Tensor tokens, Tensor lastPositions)
    {
        var rows = tokens.shape[0];
        var last = states.gather(1, lastPositions.view(rows, 1, 1).expand(rows, 1, states.shape[2]));
        var repeat = RepeatAttention(last, lastPositions.view(rows, 1), tokens).squeeze(1);
        var repeatProbability = zeros(rows, _tokens.Count, device: tokens.device).scatter_add_(1, tokens, repeat).narrow(1, 0, _tokens.ItemCount);
        var explore = softmax(_explore.call(last.squeeze(1)), -1);
        var gate = GateLogit(last, lastPositions.view(rows, 1)).sigmoid();
        return (gate * repeatProbability) + ((1 - gate) * explore);
    }

    /// <summary>
    /// Each query position's attention over the items before it in its row, [rows, queries, positions]: keys 1..t only
    /// (position 0 is the start token; later positions are the future), and all zero where there is no earlier item.
    /// </summary>
    private Tensor RepeatAttention(Tensor queryStates, Tensor queryPositions, Tensor tokens)
    {
        var keyPositions = arange(tokens.shape[1], device: tokens.device).view(1, 1, -1);
        var at = queryPositions.unsqueeze(-1);
        var earlier = keyPositions.ge(1).logical_and(keyPositions.le(at));
        var distance = (at - keyPositions).clamp(0, _maxDistance);
        var logits = (_query.call(queryStates).matmul(_keys.call(tokens).transpose(1, 2)) * _attentionScale)
            + _recency.call(distance).squeeze(-1)
            + _repeatability.call(tokens).squeeze(-1).unsqueeze(1);
        return softmax(logits.masked_fill(earlier.logical_not(), Excluded), -1) * earlier;
    }

    /// <summary>The logit of P(repeat), [rows, positions]; closed at the start token, where there is nothing to repeat.</summary>
    private Tensor GateLogit(Tensor states, Tensor positions) =>
        _gate.call(states).squeeze(-1).masked_fill(positions.lt(1), Excluded);

    private Tensor ExactExploreLog(Tensor states, Tensor targets) =>
        log_softmax(_explore.call(states), -1).gather(-1, targets.unsqueeze(-1)).squeeze(-1);

    private Tensor SampledExploreLog(Tensor states, Tensor targets, SampledNegatives negatives)
    {
        var weight = _explore.weight!;
        var bias = _explore.bias!;
        var flatTargets = targets.flatten();
        var targetLogits = (states * weight.index_select(0, flatTargets).view_as(states)).sum(-1)
            + bias.index_select(0, flatTargets).view_as(targets);
        var negativeLogits = states.matmul(weight.index_select(0, negatives.Items).t())
            + bias.index_select(0, negatives.Items)
            - negatives.LogExpectedCount;
        var accidentalHits = targets.unsqueeze(-1).eq(negatives.Items);
        var candidates = cat([targetLogits.unsqueeze(-1), negativeLogits.masked_fill(accidentalHits, Excluded)], -1);
        return targetLogits - candidates.logsumexp(-1);
    }
}
