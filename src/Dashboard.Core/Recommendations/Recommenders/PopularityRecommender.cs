namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// The baseline every personal model must beat: the same list for everyone, the items most bought lately.
/// score(i) = the number of distinct baskets (orders) containing i placed in [cutoff − windowDays, cutoff); an item
/// bought twice in one order counts once, because a basket is one decision to buy it. Ties rank by item index (see
/// <see cref="Ranking"/>). A recent window, not all time, because demand moves (seasons, new products).
/// It sees only the training histories, so orders without a known customer do not count here (unlike the serving
/// catalogue's best-sellers, which count all orders).
/// </summary>
public sealed class PopularityRecommender : IRecommender
{
    public const string ModelName = "popularity";
    public const int DefaultWindowDays = 30;

    private float[] _counts = [];
    private ItemIndex? _items;

    public PopularityRecommender(int windowDays = DefaultWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowDays);
        WindowDays = windowDays;
    }

    public string Name => ModelName;

    public int WindowDays { get; }

    public ItemIndex? Items => _items;

    /// <summary>The fitted scores, for the personal baselines that fall back to popularity.</summary>
    internal ReadOnlySpan<float> Counts => _counts;

    public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var from = data.Cutoff.AddDays(-WindowDays);
        var counts = new float[data.Items.Count];
        // lastBasket[i] = the (customer, basket) that last counted item i, numbered globally, so duplicates count once.
        var lastBasket = new int[data.Items.Count];
        Array.Fill(lastBasket, -1);
        var basketNumber = -1;
        foreach (var history in data.Histories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int? currentBasket = null;
            foreach (var interaction in history.Interactions)
            {
                if (interaction.Basket != currentBasket)
                {
                    currentBasket = interaction.Basket;
                    basketNumber++;
                }

                if (interaction.At >= from && interaction.At < data.Cutoff && lastBasket[interaction.Item] != basketNumber)
                {
                    lastBasket[interaction.Item] = basketNumber;
                    counts[interaction.Item]++;
                }
            }
        }

        (_counts, _items) = (counts, data.Items);
    }

    public void Score(CustomerHistory history, Span<float> scores)
    {
        ScoreVectors.RequireCatalogueSize(scores, _counts.Length);
        _counts.CopyTo(scores);
    }

    public byte[] Save() => BaselineArtifact.Write(ModelName, FittedItems(ModelName), WriteState);

    /// <exception cref="InvalidDataException">The bytes are not a saved popularity model.</exception>
    public static PopularityRecommender Load(byte[] bytes) => BaselineArtifact.Read(bytes, ModelName, ReadState);

    /// <summary>The catalogue, or the error a model that was never fitted gives when asked to save.</summary>
    internal ItemIndex FittedItems(string family) =>
        _items ?? throw new InvalidOperationException($"The {family} model has not been fitted or loaded.");

    /// <summary>The window and the fitted counts, also the fallback part of the personal baselines' artifacts.</summary>
    internal void WriteState(BinaryWriter writer)
    {
        writer.Write(WindowDays);
        BaselineArtifact.WriteFloats(writer, _counts);
    }

    internal static PopularityRecommender ReadState(BinaryReader reader, ItemIndex items)
    {
        var recommender = new PopularityRecommender(reader.ReadInt32());
        var counts = BaselineArtifact.ReadFloats(reader);
        if (counts.Length != items.Count)
        {
            throw new InvalidDataException($"The saved popularity counts ({counts.Length}) do not match the catalogue ({items.Count}).");
        }

        (recommender._counts, recommender._items) = (counts, items);
        return recommender;
    }
}
