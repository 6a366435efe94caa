namespace Dashboard.Core.Recommendations.Registry;

/// <summary>A recommender version as a picker lists it (a campaign variant can pin one): its family, when, and how well it ranked its holdout.</summary>
public sealed record RecommenderVersionSummary(int Id, string Family, DateTime TrainedAt, bool IsChampion, double? Ndcg10);
