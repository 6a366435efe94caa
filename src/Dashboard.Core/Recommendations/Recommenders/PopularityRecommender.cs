namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// The baseline every personal model must beat: the same list for everyone, the items most bought lately.
/// score(i) = the number of distinct baskets (orders) containing i placed in [cutoff − windowDays, cutoff); an item
/// bought twice in one order counts once, because a basket is one decision to buy it. Ties rank by item index (see
/// <see cref="Ranking"/>). A recent window, not all time, because demand moves (seasons, new products).
/// It sees only the training histories, so orders without a known customer do not count here (unlike
/// <see cref="PopularityTrainer"/>, which serves promo lists from all orders).
/// </summary>
public sealed class PopularityRecommender : IRecommender
{
    public const string ModelName = "popularity";
    public const int DefaultWindowDays = 30;

    private float[] _counts = [];

    public PopularityRecommender(int windowDays = DefaultWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowDays);
        WindowDays = windowDays;
    }

    public string Name => ModelName;

    public int WindowDays { get; }

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

        _counts = counts;
    }

    public void Score(CustomerHistory history, Span<float> scores)
    {
        ScoreVectors.RequireCatalogueSize(scores, _counts.Length);
        _counts.CopyTo(scores);
    }
}
