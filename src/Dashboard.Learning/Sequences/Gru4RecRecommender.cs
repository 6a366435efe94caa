using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Dashboard.Learning.Sequences;

/// <summary>
/// GRU4Rec-style sequence recommender: a GRU reads the customer's purchases in order, and the repeat/explore head ranks
/// the catalogue for the next one, mixing their own earlier items with everything else.
/// </summary>
public sealed class Gru4RecRecommender(SequenceModelOptions? options = null) : SequenceRecommender(options)
{
    public const string ModelName = "gru4rec";

    public override string Name => ModelName;

    /// <exception cref="InvalidDataException">The bytes are not a saved GRU4Rec model.</exception>
    public static Gru4RecRecommender Load(byte[] bytes) => Load(bytes, ModelName, options => new Gru4RecRecommender(options));

    private protected override Module<Tensor, Tensor> CreateEncoder(SequenceTokens tokens) => new GruEncoder(tokens, Options);
}
