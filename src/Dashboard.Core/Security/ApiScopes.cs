namespace Dashboard.Core.Security;

/// <summary>What a machine client's API key may do; each endpoint of the machine API requires exactly one.</summary>
public static class ApiScopes
{
    /// <summary>Send behaviour events from the shop front (<c>POST /api/events</c>).</summary>
    public const string EventsWrite = "events:write";

    /// <summary>Read one customer's recommendations (<c>GET /api/recommendations/{customerId}</c>).</summary>
    public const string RecommendationsRead = "recommendations:read";

    /// <summary>Read a campaign's audience: external ids, variants and coupons, no contact details (<c>GET /api/audiences/{campaignId}</c>).</summary>
    public const string AudiencesRead = "audiences:read";

    /// <summary>Run the A/B statistics engine on posted aggregates; reads no shop data (<c>POST /api/experiments/analyze</c>).</summary>
    public const string ExperimentsAnalyze = "experiments:analyze";

    public static IReadOnlyList<string> All { get; } = [EventsWrite, RecommendationsRead, AudiencesRead, ExperimentsAnalyze];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
