using System.Diagnostics;
using Dashboard.Core.Recommendations.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// What the sequence recommenders share: reading histories as sequences of baskets, the repeat/explore head, training on
/// next-basket targets with Adam (keeping the epoch of best held-out recall), full-catalogue scoring, and saving the fitted weights. Subclasses supply the encoder.
/// </summary>
/// <remarks>
/// The task is the next order, many items and mostly repeats, so each example is a customer's history up to one of
/// their orders and the target is that order's distinct items B; the loss is the mean negative log-likelihood of B's
/// items under the repeat/explore mixture, −(1/|B|) Σ_{i∈B} log P(i) (a multi-positive softmax). The mixture needs a
/// real probability from the explore side, so its softmax runs over the full catalogue.
/// Needs libtorch: check <see cref="TorchRuntime.IsAvailable"/> first, or <see cref="Fit"/> throws with the reason.
/// <see cref="Score"/> may run on several threads at once, but not while <see cref="Fit"/> does.
/// </remarks>
public abstract class SequenceRecommender : IRecommender, IDisposable
{
    private const int ValidationCutoff = 20;
    private const int ScoringBatch = 256;

    private readonly Lock _scoring = new();
    private SequenceNetwork? _network;
    private ItemIndex? _items;

    protected SequenceRecommender(SequenceModelOptions? options)
    {
        Options = options ?? new SequenceModelOptions();
    }

    public abstract string Name { get; }

    public SequenceModelOptions Options { get; }

    /// <summary>The catalogue the fitted (or loaded) model ranks; null before.</summary>
    public ItemIndex? Items => _items;

    public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Items.Count == 0)
        {
            throw new ArgumentException("The catalogue is empty: there is nothing to rank.", nameof(data));
        }

        TorchRuntime.EnsureAvailable();
        Release();
        var clock = Stopwatch.StartNew();
        var random = new Random(data.Seed);
        var tokens = new SequenceTokens(data.Items.Count);
        var timelines = data.Histories
            .Select(h => BasketTimeline.Of(h, tokens.ItemCount))
            .Where(t => t.Baskets.Count > 0)
            .ToList();
        var (training, validation) = HoldOutValidation(timelines, random);
        var network = CreateNetwork(tokens, data.Seed);
        try
        {
            using var optimizer = optim.Adam(network.parameters(), Options.LearningRate);
            using var best = new BestWeights();
            for (var epoch = 1; epoch <= Options.Epochs; epoch++)
            {
                var loss = TrainEpoch(network, optimizer, training, tokens, random, cancellationToken);
                var recall = validation.Count == 0 ? (double?)null : RecallAt20(network, tokens, validation);
                best.Offer(network, recall ?? epoch); // without a held-out set, the last epoch
                progress?.Report(new TrainingProgress(epoch, Options.Epochs, loss, recall, clock.Elapsed));
            }

            best.Restore(network);
        }
        catch
        {
            network.Dispose();
            throw;
        }

        (_network, _items) = (network, data.Items);
    }

    public void Score(CustomerHistory history, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        var items = FittedItems();
        if (scores.Length != items.Count)
        {
            throw new ArgumentException($"Expected a score per item ({items.Count}), got room for {scores.Length}.", nameof(scores));
        }

        Forward([history]).AsSpan().CopyTo(scores);
    }

    /// <summary>Many customers in forward passes of up to <see cref="ScoringBatch"/> at a time (a promo list's members).</summary>
    public void ScoreMany(IReadOnlyList<CustomerHistory> histories, IReadOnlyList<float[]> scores)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(scores);
        var count = FittedItems().Count;
        for (var start = 0; start < histories.Count; start += ScoringBatch)
        {
            var chunk = histories.Skip(start).Take(ScoringBatch).ToList();
            var probabilities = Forward(chunk);
            for (var row = 0; row < chunk.Count; row++)
            {
                probabilities.AsSpan(row * count, count).CopyTo(scores[start + row]);
            }
        }
    }

    private ItemIndex FittedItems() =>
        _network is not null && _items is { } items ? items : throw new InvalidOperationException($"The {Name} model has not been fitted or loaded.");

    /// <summary>Next-order probabilities, row after row: <paramref name="histories"/>.Count × the catalogue.</summary>
    private float[] Forward(IReadOnlyList<CustomerHistory> histories)
    {
        var (network, items) = (_network!, FittedItems());
        var examples = histories.Select(h => NextBasketExample.AtEnd(BasketTimeline.Of(h, items.Count), Options)).ToList();
        // One forward pass at a time per model: under a load test, concurrent passes through the same modules failed
        // about once in 20,000 requests with a libtorch internal assert ("Expected false to be true" in an elementwise
        // add). libtorch runs one thread here anyway, so the lock costs little parallelism.
        lock (_scoring)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var batch = BasketBatch.Of(examples, new SequenceTokens(items.Count), Options, TorchRuntime.Device);
            return network.LogProbabilities(batch).exp().cpu().data<float>().ToArray();
        }
    }

    /// <summary>The fitted model (options, catalogue, weights) as bytes, for the model registry.</summary>
    public byte[] Save() =>
        _network is { } network && _items is { } items
            ? SequenceArtifact.Write(Name, Options, items, network)
            : throw new InvalidOperationException($"The {Name} model has not been fitted or loaded.");

    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private protected abstract nn.Module<Tensor, Tensor> CreateEncoder(SequenceTokens tokens);

    /// <summary>A recommender made by <paramref name="create"/> with the saved options, holding the saved weights.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a saved model of family <paramref name="name"/>.</exception>
    private protected static TRecommender Load<TRecommender>(byte[] bytes, string name, Func<SequenceModelOptions, TRecommender> create)
        where TRecommender : SequenceRecommender
    {
        var artifact = SequenceArtifact.Read(bytes);
        if (artifact.Name != name)
        {
            throw new InvalidDataException($"This is a saved {artifact.Name} model, not {name}.");
        }

        TorchRuntime.EnsureAvailable();
        var recommender = create(artifact.Options);
        var network = recommender.CreateNetwork(new SequenceTokens(artifact.Items.Count), seed: 0);
        artifact.LoadWeights(network);
        (recommender._network, recommender._items) = (network, artifact.Items);
        return recommender;
    }

    private SequenceNetwork CreateNetwork(SequenceTokens tokens, int seed)
    {
        var network = new SequenceNetwork(CreateEncoder(tokens), new RepeatExploreHead(tokens, Options));
        network.Initialise(seed);
        return network.to(TorchRuntime.Device);
    }

    /// <summary>
    /// Every customer's orders as training examples, except the last order of a seeded sample of customers, kept out of
    /// training to measure recall after each epoch.
    /// </summary>
    private (List<NextBasketExample[]> Training, List<NextBasketExample> Validation) HoldOutValidation(List<BasketTimeline> timelines, Random random)
    {
        var eligible = Enumerable.Range(0, timelines.Count).Where(i => timelines[i].Baskets.Count >= 2).ToArray();
        random.Shuffle(eligible);
        var held = eligible.Take(Math.Min(Options.MaxValidationCustomers, (int)(eligible.Length * Options.ValidationShare))).ToHashSet();
        var training = new List<NextBasketExample[]>(timelines.Count);
        var validation = new List<NextBasketExample>();
        for (var i = 0; i < timelines.Count; i++)
        {
            var examples = NextBasketExample.AlongTimeline(timelines[i], Options)[..^1]; // the point after the end has no target
            if (held.Contains(i))
            {
                validation.Add(examples[^1]);
                examples = examples[..^1];
            }

            training.Add([.. examples]);
        }

        return (training, validation);
    }

    private double TrainEpoch(SequenceNetwork network, optim.Optimizer optimizer, List<NextBasketExample[]> training, SequenceTokens tokens,
        Random random, CancellationToken cancellationToken)
    {
        var (lossSum, batches) = (0.0, 0);
        foreach (var examples in Batches(training, random))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = BasketBatch.Of(examples, tokens, Options, TorchRuntime.Device);
            var targetLog = network.LogProbabilities(batch).gather(1, batch.Targets) * batch.TargetMask;
            var loss = -(targetLog.sum(1) / batch.TargetMask.sum(1)).mean();
            optimizer.zero_grad();
            loss.backward();
            nn.utils.clip_grad_norm_(network.parameters(), Options.GradientClipNorm);
            optimizer.step();
            lossSum += loss.item<float>();
            batches++;
        }

        return batches == 0 ? double.NaN : lossSum / batches;
    }

    /// <summary>
    /// This epoch's batches: up to <see cref="SequenceModelOptions.ExamplesPerCustomer"/> examples of each customer,
    /// grouped by history length (less padding for the encoders to walk through), differently composed and ordered
    /// every epoch.
    /// </summary>
    private NextBasketExample[][] Batches(List<NextBasketExample[]> training, Random random)
    {
        var drawn = training.SelectMany(examples =>
        {
            if (examples.Length <= Options.ExamplesPerCustomer)
            {
                return examples;
            }

            var shuffled = examples.ToArray();
            random.Shuffle(shuffled);
            return shuffled.Take(Options.ExamplesPerCustomer);
        }).ToArray();
        var tieBreaks = drawn.Select(_ => random.Next()).ToArray();
        var batches = Enumerable.Range(0, drawn.Length)
            .OrderBy(i => Math.Min(drawn[i].Boundary, Options.MaxBaskets)).ThenBy(i => tieBreaks[i])
            .Select(i => drawn[i])
            .Chunk(Options.BatchSize)
            .ToArray();
        random.Shuffle(batches);
        return batches;
    }

    /// <summary>Mean over held-out customers of the share of their last basket's items ranked in the top 20 of the full catalogue.</summary>
    private double RecallAt20(SequenceNetwork network, SequenceTokens tokens, List<NextBasketExample> validation)
    {
        var recall = 0.0;
        using var noGrad = no_grad();
        foreach (var chunk in validation.Chunk(ScoringBatch))
        {
            using var scope = NewDisposeScope();
            var batch = BasketBatch.Of(chunk, tokens, Options, TorchRuntime.Device);
            var top = network.LogProbabilities(batch).topk(Math.Min(ValidationCutoff, tokens.ItemCount)).indexes;
            var found = top.unsqueeze(2).eq(batch.Targets.unsqueeze(1)).any(1).to_type(ScalarType.Float32) * batch.TargetMask;
            recall += (found.sum(1) / batch.TargetMask.sum(1)).sum().item<float>();
        }

        return recall / validation.Count;
    }

    private void Release()
    {
        _network?.Dispose();
        (_network, _items) = (null, null);
    }
}
