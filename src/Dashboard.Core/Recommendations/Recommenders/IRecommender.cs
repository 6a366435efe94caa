namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// A model that ranks the whole catalogue for a customer from their purchase history. Baselines and sequence models sit
/// behind this one interface, so offline evaluation, the registry and serving treat them alike. Ranking is full: every
/// item gets a score (no sampled candidates), and items the customer bought before may score high (repeat buying is real).
/// </summary>
public interface IRecommender
{
    /// <summary>The model family, as the registry and the evaluation table name it (e.g. "popularity", "gru4rec").</summary>
    string Name { get; }

    /// <summary>Learns from the training set; calling it again starts from scratch.</summary>
    void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a score for every item of the fitted <see cref="ItemIndex"/> into <paramref name="scores"/> (higher ranks
    /// first) for a customer with this history, which may be empty (cold start).
    /// </summary>
    void Score(CustomerHistory history, Span<float> scores);

    /// <summary>
    /// <see cref="Score"/> for many customers, <paramref name="scores"/>[i] for <paramref name="histories"/>[i]. A model
    /// whose scoring has a fixed cost per call (a network's forward pass) overrides it to score them together.
    /// </summary>
    void ScoreMany(IReadOnlyList<CustomerHistory> histories, IReadOnlyList<float[]> scores)
    {
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(scores);
        for (var i = 0; i < histories.Count; i++)
        {
            Score(histories[i], scores[i]);
        }
    }

    /// <summary>The catalogue the fitted (or loaded) model ranks, null before: score i is for product <c>Items.ProductIdAt(i)</c>.</summary>
    ItemIndex? Items { get; }

    /// <summary>
    /// The fitted model (its parameters, catalogue and learnt state) as bytes, for the model registry; the family's
    /// <see cref="RecommenderRegistration.Load"/> turns them back into a model that scores identically.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has not been fitted or loaded.</exception>
    byte[] Save();
}
