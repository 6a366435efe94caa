using System.Diagnostics;
using Dashboard.Core.Recommendations.Recommenders;
using TorchSharp;
using static TorchSharp.torch;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// What the sequence recommenders share: reading histories as item sequences, the repeat/explore head, training with a
/// sampled softmax and Adam, full-catalogue scoring, and saving the fitted weights. Subclasses supply the encoder.
/// </summary>
/// <remarks>
/// The loss is the negative log-likelihood of each next item under the repeat/explore mixture. The mixture needs a real
/// probability from the explore side, which a softmax gives and a pairwise ranking loss (BPR-max) does not; over a large
/// catalogue that softmax is estimated per batch from popularity-sampled negatives with the log-Q correction.
/// Needs libtorch: check <see cref="TorchRuntime.IsAvailable"/> first, or <see cref="Fit"/> throws with the reason.
/// <see cref="Score"/> may run on several threads at once, but not while <see cref="Fit"/> does.
/// </remarks>
public abstract class SequenceRecommender : IRecommender, IDisposable
{
    private const int ValidationCutoff = 20;
    private const int ScoringBatch = 256;

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
        var sequences = data.Histories
            .Select(h => SequenceBatches.LastItems(h, tokens.ItemCount, Options.MaxLength))
            .Where(s => s.Length > 0)
            .ToList();
        var (training, validation) = HoldOutValidation(sequences, random);
        var sampler = tokens.ItemCount > Options.NegativeSamples
            ? new NegativeSampler(training, tokens.ItemCount, Options.NegativeSamplingExponent, random)
            : null;
        var network = CreateNetwork(tokens, data.Seed);
        try
        {
            using var optimizer = optim.Adam(network.parameters(), Options.LearningRate);
            for (var epoch = 1; epoch <= Options.Epochs; epoch++)
            {
                var loss = TrainEpoch(network, optimizer, training, tokens, sampler, random, cancellationToken);
                var hitRate = validation.Count == 0 ? (double?)null : HitRate(network, tokens, validation);
                progress?.Report(new TrainingProgress(epoch, Options.Epochs, loss, hitRate, clock.Elapsed));
            }
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
        var (network, items) = (_network, _items);
        if (network is null || items is null)
        {
            throw new InvalidOperationException($"The {Name} model has not been fitted or loaded.");
        }

        if (scores.Length != items.Count)
        {
            throw new ArgumentException($"Expected a score per item ({items.Count}), got room for {scores.Length}.", nameof(scores));
        }

        var tokens = new SequenceTokens(items.Count);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var prefix = SequenceBatches.LastItems(history, items.Count, Options.MaxLength - 1);
        var (input, last) = SequenceBatches.ForScoring([prefix], tokens, TorchRuntime.Device);
        var probabilities = network.NextItemProbabilities(input, last).cpu();
        probabilities.data<float>().ToArray().CopyTo(scores);
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

    /// <summary>The last purchase of a seeded sample of customers, kept out of training to measure hit rate after each epoch.</summary>
    private (List<int[]> Training, List<(int[] Prefix, int Next)> Validation) HoldOutValidation(List<int[]> sequences, Random random)
    {
        var eligible = Enumerable.Range(0, sequences.Count).Where(i => sequences[i].Length >= 2).ToArray();
        random.Shuffle(eligible);
        var held = eligible.Take(Math.Min(Options.MaxValidationCustomers, (int)(eligible.Length * Options.ValidationShare))).ToHashSet();
        var training = sequences.Select((s, i) => held.Contains(i) ? s[..^1] : s).ToList();
        var validation = held.Order().Select(i => (Prefix: sequences[i][..^1], Next: sequences[i][^1])).ToList();
        return (training, validation);
    }

    private double TrainEpoch(SequenceNetwork network, optim.Optimizer optimizer, List<int[]> training, SequenceTokens tokens,
        NegativeSampler? sampler, Random random, CancellationToken cancellationToken)
    {
        var (lossSum, batches) = (0.0, 0);
        foreach (var batch in Batches(training, random))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (input, targets, mask) = SequenceBatches.ForTraining(batch, tokens, TorchRuntime.Device);
            var negatives = sampler?.Draw(Options.NegativeSamples, TorchRuntime.Device);
            var loss = -(network.LogLikelihood(input, targets, negatives) * mask).sum() / mask.sum();
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
    /// Batches of similar length (less padding for the recurrent pass to walk through), differently composed and
    /// ordered every epoch.
    /// </summary>
    private int[][][] Batches(List<int[]> sequences, Random random)
    {
        var tieBreaks = sequences.Select(_ => random.Next()).ToArray();
        var batches = Enumerable.Range(0, sequences.Count)
            .OrderBy(i => sequences[i].Length).ThenBy(i => tieBreaks[i])
            .Select(i => sequences[i])
            .Chunk(Options.BatchSize)
            .ToArray();
        random.Shuffle(batches);
        return batches;
    }

    /// <summary>Share of held-out next purchases ranked in the top 20 of the full catalogue.</summary>
    private static double HitRate(SequenceNetwork network, SequenceTokens tokens, List<(int[] Prefix, int Next)> validation)
    {
        var hits = 0;
        using var noGrad = no_grad();
        foreach (var chunk in validation.Chunk(ScoringBatch))
        {
            using var scope = NewDisposeScope();
            var (input, last) = SequenceBatches.ForScoring([.. chunk.Select(v => v.Prefix)], tokens, TorchRuntime.Device);
            var top = network.NextItemProbabilities(input, last).topk(Math.Min(ValidationCutoff, tokens.ItemCount)).indexes;
            var next = tensor(chunk.Select(v => (long)v.Next).ToArray(), device: TorchRuntime.Device).unsqueeze(1);
            hits += (int)top.eq(next).any(1).sum().item<long>();
        }

        return (double)hits / validation.Count;
    }

    private void Release()
    {
        _network?.Dispose();
        (_network, _items) = (null, null);
    }
}
