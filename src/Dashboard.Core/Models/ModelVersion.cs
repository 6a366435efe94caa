namespace Dashboard.Core.Models;

/// <summary>
/// One trained model. The artifact bytes live here, in the database, so that any worker can load any version.
/// </summary>
public class ModelVersion
{
    public int Id { get; set; }

    /// <summary>Model family, e.g. "popularity"; see <see cref="ModelKinds"/>.</summary>
    public required string Kind { get; set; }

    public DateTime CreatedAt { get; set; }
    public string? ParametersJson { get; set; }
    public DateTime DataFrom { get; set; }
    public DateTime DataTo { get; set; }
    public string? MetricsJson { get; set; }
    /// <summary>The fit the metrics describe: trained on data up to <see cref="DataTo"/>, before its holdout.</summary>
    public byte[]? Artifact { get; set; }

    /// <summary>
    /// The same model refitted on every purchase up to <see cref="ServingDataTo"/>, made when the version became
    /// champion, so that serving does not miss the held-out weeks; null serves <see cref="Artifact"/>.
    /// </summary>
    public byte[]? ServingArtifact { get; set; }

    public DateTime? ServingDataTo { get; set; }

    public bool IsChampion { get; set; }

    /// <summary>
    /// When this version last became champion, kept after it is replaced so that a rollback can find the previous
    /// champion; cleared when a rollback withdraws it, so a second rollback goes one further back rather than returning.
    /// </summary>
    public DateTime? PromotedAt { get; set; }
    public int? TrainingRunId { get; set; }
    public double TrainingSeconds { get; set; }
}

public static class ModelKinds
{
    /// <summary>
    /// The best-seller lists promo lists were served from before the recommender registry (kept for the history of
    /// older databases; nothing trains it any more: see <c>RecommenderKinds</c>).
    /// </summary>
    public const string Popularity = "popularity";

    /// <summary>Churn risk: no purchase in the next 90 days (a probability per customer).</summary>
    public const string Churn = "churn";

    /// <summary>Purchase propensity: a purchase in the next 30 days (a probability per customer).</summary>
    public const string Propensity = "propensity";

    /// <summary>Expected net revenue over the next 90 days.</summary>
    public const string ExpectedValue = "expected-value";
}
