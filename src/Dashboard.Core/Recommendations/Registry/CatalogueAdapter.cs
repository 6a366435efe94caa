using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Registry;

/// <summary>
/// Lays a loaded model over another catalogue: a champion fitted last week knows last week's products, while tonight's
/// holdout ranks tonight's. Histories are translated into the model's indices (products it never saw are dropped) and its
/// scores back into the target's; a product the model never saw ranks last, since it cannot recommend it.
/// Only scores: refitting it would be a new model, which is the challenger's job.
/// </summary>
public sealed class CatalogueAdapter : IRecommender
{
    private readonly IRecommender _model;
    private readonly ItemIndex _modelItems;
    private readonly ItemIndex _target;

    /// <summary>For each target index, the model's index of the same product, or −1 when the model never saw it.</summary>
    private readonly int[] _modelIndexOf;

    private CatalogueAdapter(IRecommender model, ItemIndex modelItems, ItemIndex target)
    {
        (_model, _modelItems, _target) = (model, modelItems, target);
        _modelIndexOf = [.. target.ProductIds.Select(id => modelItems.TryGetIndex(id, out var index) ? index : -1)];
    }

    public string Name => _model.Name;

    public ItemIndex? Items => _target;

    /// <summary>The model itself when it already ranks <paramref name="target"/>, otherwise the model seen through it.</summary>
    public static IRecommender Over(IRecommender fitted, ItemIndex target)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        ArgumentNullException.ThrowIfNull(target);
        var items = fitted.Items ?? throw new InvalidOperationException($"The {fitted.Name} model has not been fitted or loaded.");
        return items.ProductIds.SequenceEqual(target.ProductIds) ? fitted : new CatalogueAdapter(fitted, items, target);
    }

    public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("A model laid over another catalogue is only scored; fit a new one instead.");

    public void Score(CustomerHistory history, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ScoreVectors.RequireCatalogueSize(scores, _target.Count);
        var translated = new List<Interaction>(history.Interactions.Count);
        foreach (var interaction in history.Interactions)
        {
            var productId = _target.ProductIdAt(interaction.Item);
            if (_modelItems.TryGetIndex(productId, out var index))
            {
                translated.Add(interaction with { Item = index });
            }
        }

        var modelScores = new float[_modelItems.Count];
        _model.Score(history with { Interactions = translated }, modelScores);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = _modelIndexOf[i] >= 0 ? modelScores[_modelIndexOf[i]] : float.NegativeInfinity;
        }
    }

    public byte[] Save() => _model.Save();
}
