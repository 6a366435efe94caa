namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// A model family the <see cref="RecommenderCatalog"/> can make by name: a fresh, unfitted instance per call, so two
/// evaluations never share fitted state.
/// </summary>
/// <param name="Name">The name the CLI and the registry use; the made instance's <see cref="IRecommender.Name"/> must equal it.</param>
/// <param name="Description">One line for help texts and tables.</param>
/// <param name="Load">Turns bytes from <see cref="IRecommender.Save"/> back into a fitted model that scores identically.</param>
/// <param name="Unavailable">
/// Why the model cannot run in this process (e.g. its native library does not load), or null when it can; asked only
/// when the model is about to be used, so a host that never uses it never pays for the check.
/// </param>
public sealed record RecommenderRegistration(string Name, string Description, Func<IRecommender> Create, Func<byte[], IRecommender> Load, Func<string?>? Unavailable = null)
{
    public string? UnavailableReason => Unavailable?.Invoke();
}
