namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// Personal repeat frequency: people buy again what they bought before (refills, favourites, stock items), so a
/// customer's own items, most often and most lately bought first, are a strong list that a sequence model must beat.
/// score(i) = Σ over the customer's baskets b that contain i of 0.5^(age(b) / halfLifeBaskets), where age(b) is how
/// many of their baskets came after b (0 for the latest; see <see cref="BasketRecency"/>); a basket counts once however
/// many lines hold i. Items they never bought follow every own item, in popularity order
/// (<see cref="PopularityFill.BelowReached"/>), so the list always fills; an empty history gets popularity alone.
/// </summary>
public sealed class RepeatRecommender : IRecommender
{
    public const string ModelName = "repeat";
    public const double DefaultHalfLifeBaskets = 10;

    private readonly PopularityRecommender _popularity;

    public RepeatRecommender(double halfLifeBaskets = DefaultHalfLifeBaskets, int popularityWindowDays = PopularityRecommender.DefaultWindowDays)
        : this(halfLifeBaskets, new PopularityRecommender(popularityWindowDays))
    {
    }

    private RepeatRecommender(double halfLifeBaskets, PopularityRecommender popularity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeBaskets);
        HalfLifeBaskets = halfLifeBaskets;
        _popularity = popularity;
    }

    public string Name => ModelName;

    public double HalfLifeBaskets { get; }

    public ItemIndex? Items => _popularity.Items;

    public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _popularity.Fit(data, progress, cancellationToken);

    public void Score(CustomerHistory history, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ScoreVectors.RequireCatalogueSize(scores, _popularity.Counts.Length);
        scores.Clear();
        var interactions = history.Interactions;
        var ages = BasketRecency.Ages(interactions);
        var countedInBasket = new Dictionary<int, int>();
        for (var i = 0; i < interactions.Count; i++)
        {
            var (item, basket) = (interactions[i].Item, interactions[i].Basket);
            if (countedInBasket.TryGetValue(item, out var counted) && counted == basket)
            {
                continue; // a duplicate line of the same basket
            }

            countedInBasket[item] = basket;
            scores[item] += (float)BasketRecency.Weight(ages[i], HalfLifeBaskets);
        }

        PopularityFill.BelowReached(scores, _popularity.Counts);
    }

    public byte[] Save() => BaselineArtifact.Write(ModelName, _popularity.FittedItems(ModelName), writer =>
    {
        writer.Write(HalfLifeBaskets);
        _popularity.WriteState(writer);
    });

    /// <exception cref="InvalidDataException">The bytes are not a saved repeat model.</exception>
    public static RepeatRecommender Load(byte[] bytes) =>
        BaselineArtifact.Read(bytes, ModelName, (reader, items) =>
        {
            var halfLife = reader.ReadDouble();
            return new RepeatRecommender(halfLife, PopularityRecommender.ReadState(reader, items));
        });
}
