namespace Dashboard.Learning.Sequences;

/// <summary>
/// Hyper-parameters of a sequence recommender. The defaults suit two CPU cores: on ~4,000 customers and ~4,000 items an
/// epoch takes seconds.
/// </summary>
public sealed record SequenceModelOptions
{
    /// <summary>Only a customer's last this-many purchases are read: older ones say little about the next.</summary>
    public int MaxLength { get; init; } = 50;

    public int EmbeddingSize { get; init; } = 64;

    public int HiddenSize { get; init; } = 64;

    /// <summary>Self-attention blocks of the SASRec encoder.</summary>
    public int AttentionBlocks { get; init; } = 2;

    /// <summary>Attention heads per SASRec block; <see cref="HiddenSize"/> must be a multiple.</summary>
    public int AttentionHeads { get; init; } = 2;

    /// <summary>Width of the repeat component's attention over the customer's past items.</summary>
    public int RepeatAttentionSize { get; init; } = 32;

    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.005;

    /// <summary>Items drawn per batch to estimate the softmax over the catalogue; a smaller catalogue uses the full softmax.</summary>
    public int NegativeSamples { get; init; } = 512;

    /// <summary>Negatives are drawn in proportion to popularity to this power (0 uniform, 1 by popularity).</summary>
    public double NegativeSamplingExponent { get; init; } = 0.5;

    /// <summary>Share of customers whose last purchase is held out of training to report hit rate at 20 after each epoch.</summary>
    public double ValidationShare { get; init; } = 0.1;

    public int MaxValidationCustomers { get; init; } = 500;

    /// <summary>Gradients are clipped to this norm: recurrent networks otherwise jump on a rare long sequence.</summary>
    public double GradientClipNorm { get; init; } = 5;
}
