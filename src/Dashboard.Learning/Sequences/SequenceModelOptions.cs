using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// Hyper-parameters of a sequence recommender. The defaults suit two CPU cores: on ~4,000 customers and ~4,000 items an
/// epoch takes seconds.
/// </summary>
public sealed record SequenceModelOptions
{
    /// <summary>The encoders read only a customer's last this-many baskets: older orders say little about the next (the repeat features still count every basket).</summary>
    public int MaxBaskets { get; init; } = 20;

    /// <summary>The encoders read at most this many items of a basket; the repeat features and the targets keep them all.</summary>
    public int MaxBasketItems { get; init; } = 32;

    /// <summary>The repeat side ranks at most this many of the customer's own items, those of highest recency-weighted frequency.</summary>
    public int MaxRepeatCandidates { get; init; } = 128;

    /// <summary>Half-life in baskets of the recency-weighted frequency the repeat side starts from, as the repeat baseline's.</summary>
    public double RepeatHalfLifeBaskets { get; init; } = RepeatRecommender.DefaultHalfLifeBaskets;

    public int EmbeddingSize { get; init; } = 32;

    public int HiddenSize { get; init; } = 32;

    /// <summary>Self-attention blocks of the SASRec encoder.</summary>
    public int AttentionBlocks { get; init; } = 2;

    /// <summary>Attention heads per SASRec block; <see cref="HiddenSize"/> must be a multiple.</summary>
    public int AttentionHeads { get; init; } = 2;

    /// <summary>Width of the repeat side's context-to-item affinity.</summary>
    public int RepeatAttentionSize { get; init; } = 32;

    /// <summary>Hidden units of the small network that corrects the repeat side's starting score from each item's features.</summary>
    public int RepeatHiddenSize { get; init; } = 32;

    /// <summary>Epochs to run; the fit keeps the weights of the one with the best held-out recall.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>
    /// Each epoch trains on at most this many of a customer's orders (drawn afresh every epoch), so that a few customers
    /// with hundreds of orders do not outweigh the many with a handful: evaluation counts every customer once.
    /// </summary>
    public int ExamplesPerCustomer { get; init; } = 8;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.001;

    /// <summary>Share of customers whose last basket is held out of training to report recall at 20 after each epoch.</summary>
    public double ValidationShare { get; init; } = 0.1;

    public int MaxValidationCustomers { get; init; } = 500;

    /// <summary>Gradients are clipped to this norm: recurrent networks otherwise jump on a rare long sequence.</summary>
    public double GradientClipNorm { get; init; } = 5;
}
