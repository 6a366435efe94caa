namespace Dashboard.Core.Recommendations.Registry;

/// <summary>What the promotion policy decided after a training run, and why, for the run's log.</summary>
/// <param name="ChampionId">The champion after the decision (null only when nothing could be trained).</param>
/// <param name="Promoted">Whether <paramref name="ChampionId"/> changed.</param>
/// <param name="ChampionMetric">The previous champion's primary metric re-measured on this holdout, when it could be.</param>
public sealed record PromotionDecision(int? ChampionId, bool Promoted, double? ChampionMetric, string Reason);
