using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// SASRec-style sequence recommender: causal self-attention reads the customer's purchases, and the same repeat/explore
/// head as <see cref="Gru4RecRecommender"/> ranks the catalogue for the next one.
/// </summary>
public sealed class SasRecRecommender(SequenceModelOptions? options = null) : SequenceRecommender(options)
{
    public const string ModelName = "sasrec";

    public override string Name => ModelName;

    /// <exception cref="InvalidDataException">The bytes are not a saved SASRec model.</exception>
    public static SasRecRecommender Load(byte[] bytes) => Load(bytes, ModelName, options => new SasRecRecommender(options));

    private protected override Module<Tensor, Tensor> CreateEncoder(SequenceTokens tokens) => new SelfAttentionEncoder(tokens, Options);
}
