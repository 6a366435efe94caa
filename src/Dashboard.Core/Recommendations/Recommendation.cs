namespace Dashboard.Core.Recommendations;

/// <summary>A product offered to someone, with the reason a marketer (and the customer) can read.</summary>
public sealed record Recommendation(int ProductId, double Score, string Reason);
