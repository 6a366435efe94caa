namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// Item-to-item collaborative filtering ("customers who bought i also bought j"): the classic, cheap, explainable
/// personal baseline. Fitting keeps each item's <see cref="Neighbours"/> most similar items
/// (<see cref="ItemNeighbours"/>: cosine on the binary customer × item matrix). Scoring:
/// score(j) = Σ over the distinct items i in the history of 0.5^(age(i) / halfLifeBaskets) · sim(i, j), for the j among
/// i's kept neighbours, where age(i) is how many baskets came after the customer's latest basket with i (see
/// <see cref="BasketRecency"/>), so the current interests weigh most. Items no history item reaches follow every
/// reached item in popularity order (<see cref="PopularityFill.BelowReached"/>); an empty history gets popularity alone.
/// An own item scores only as a neighbour of other own items: this model finds related items, repeats are
/// <see cref="RepeatRecommender"/>'s job.
/// </summary>
public sealed class ItemKnnRecommender : IRecommender
{
    public const string ModelName = "itemknn";
    public const int DefaultNeighbours = 100;
    public const double DefaultHalfLifeBaskets = 5;

    private readonly PopularityRecommender _popularity;
    private ItemNeighbours? _neighbours;

    public ItemKnnRecommender(
        int neighbours = DefaultNeighbours, double halfLifeBaskets = DefaultHalfLifeBaskets, int popularityWindowDays = PopularityRecommender.DefaultWindowDays)
        : this(neighbours, halfLifeBaskets, new PopularityRecommender(popularityWindowDays))
    {
    }

    private ItemKnnRecommender(int neighbours, double halfLifeBaskets, PopularityRecommender popularity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(neighbours);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(halfLifeBaskets);
        Neighbours = neighbours;
        HalfLifeBaskets = halfLifeBaskets;
        _popularity = popularity;
    }

    public string Name => ModelName;

    /// <summary>How many neighbours each item keeps (k).</summary>
    public int Neighbours { get; }

    public double HalfLifeBaskets { get; }

    public ItemIndex? Items => _neighbours is null ? null : _popularity.Items;

    public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        _popularity.Fit(data, progress, cancellationToken);
        _neighbours = ItemNeighbours.Cosine(data, Neighbours, cancellationToken);
    }

    public void Score(CustomerHistory history, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ScoreVectors.RequireCatalogueSize(scores, _popularity.Counts.Length);
        scores.Clear();
        var interactions = history.Interactions;
        var ages = BasketRecency.Ages(interactions);
        // Interactions run oldest first, so the last write leaves each item's youngest age.
        var youngestAge = new Dictionary<int, int>();
        for (var i = 0; i < interactions.Count; i++)
        {
            youngestAge[interactions[i].Item] = ages[i];
        }

        foreach (var (item, age) in youngestAge)
        {
            var weight = (float)BasketRecency.Weight(age, HalfLifeBaskets);
            var neighbours = _neighbours!.Items(item);
            var similarities = _neighbours.Similarities(item);
            for (var n = 0; n < neighbours.Length; n++)
            {
                scores[neighbours[n]] += weight * similarities[n];
            }
        }

        PopularityFill.BelowReached(scores, _popularity.Counts);
    }

    public byte[] Save()
    {
        var neighbours = _neighbours ?? throw new InvalidOperationException($"The {ModelName} model has not been fitted or loaded.");
        return BaselineArtifact.Write(ModelName, _popularity.FittedItems(ModelName), writer =>
        {
            writer.Write(Neighbours);
            writer.Write(HalfLifeBaskets);
            _popularity.WriteState(writer);
            neighbours.Write(writer);
        });
    }

    /// <exception cref="InvalidDataException">The bytes are not a saved itemknn model.</exception>
    public static ItemKnnRecommender Load(byte[] bytes) =>
        BaselineArtifact.Read(bytes, ModelName, (reader, items) =>
        {
            var (k, halfLife) = (reader.ReadInt32(), reader.ReadDouble());
            var recommender = new ItemKnnRecommender(k, halfLife, PopularityRecommender.ReadState(reader, items));
            recommender._neighbours = ItemNeighbours.Read(reader, items.Count);
            return recommender;
        });
}
