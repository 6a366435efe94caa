namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// A model family the <see cref="RecommenderCatalog"/> can make by name: a fresh, unfitted instance per call, so two
/// evaluations never share fitted state.
/// </summary>
/// <param name="Name">The name the CLI and the registry use; the made instance's <see cref="IRecommender.Name"/> must equal it.</param>
/// <param name="Description">One line for help texts and tables.</param>
public sealed record RecommenderRegistration(string Name, string Description, Func<IRecommender> Create);
