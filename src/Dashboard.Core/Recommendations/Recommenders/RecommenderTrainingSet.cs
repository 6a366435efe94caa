namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>Everything a recommender is fitted on: the catalogue and every customer's purchases before <see cref="Cutoff"/>.</summary>
/// <param name="Seed">Seeds every random choice (initialisation, negative sampling, batch order), so that a fit is reproducible.</param>
public sealed record RecommenderTrainingSet(ItemIndex Items, IReadOnlyList<CustomerHistory> Histories, DateTime Cutoff, int Seed = 42);

/// <summary>How a fit is going, for a progress bar or the Models &amp; Jobs page.</summary>
/// <param name="ValidationMetric">The model's own validation metric after this epoch, when it computes one.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, double Loss, double? ValidationMetric, TimeSpan Elapsed);
