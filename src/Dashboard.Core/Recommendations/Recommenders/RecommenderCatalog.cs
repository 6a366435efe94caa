namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>
/// Every recommender the host knows, by name, in registration order (the baselines first). Core registers the baselines
/// (<see cref="RecommenderServiceCollectionExtensions.AddRecommenders"/>); another assembly, such as the TorchSharp
/// sequence models in Dashboard.Learning, adds its own with
/// <see cref="RecommenderServiceCollectionExtensions.AddRecommender"/>, and evaluation, the CLI and later serving find
/// them here without knowing the assembly.
/// </summary>
public sealed class RecommenderCatalog
{
    private readonly Dictionary<string, RecommenderRegistration> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RecommenderRegistration> _registrations = [];

    public RecommenderCatalog(IEnumerable<RecommenderRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var registration in registrations)
        {
            if (!_byName.TryAdd(registration.Name, registration))
            {
                throw new InvalidOperationException($"Two recommenders are registered as \"{registration.Name}\".");
            }

            _registrations.Add(registration);
        }
    }

    public IReadOnlyList<RecommenderRegistration> Registrations => _registrations;

    public IEnumerable<string> Names => Registrations.Select(r => r.Name);

    /// <summary>Why the named model cannot run in this process, or null when it can (or is unknown: <see cref="Create"/> says so).</summary>
    public string? UnavailableReason(string name) => _byName.TryGetValue(name, out var registration) ? registration.UnavailableReason : null;

    /// <summary>A new, unfitted instance of the named model; an unknown name is an argument error that lists the known ones.</summary>
    public IRecommender Create(string name)
    {
        var registration = Registration(name);
        return Named(registration.Name, registration.Create());
    }

    /// <summary>The fitted model saved as <paramref name="artifact"/> by the named family (see <see cref="IRecommender.Save"/>).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a saved model of that family.</exception>
    public IRecommender Load(string name, byte[] artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var registration = Registration(name);
        return Named(registration.Name, registration.Load(artifact));
    }

    private RecommenderRegistration Registration(string name) =>
        _byName.TryGetValue(name, out var registration)
            ? registration
            : throw new ArgumentException($"No recommender is called \"{name}\"; known: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The made model, checked to call itself by its registered name, since the registry files versions under it.</summary>
    private static IRecommender Named(string registered, IRecommender recommender)
    {
        if (!string.Equals(recommender.Name, registered, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The recommender registered as \"{registered}\" calls itself \"{recommender.Name}\".");
        }

        return recommender;
    }
}
