namespace Dashboard.Core.Experiments.Outcomes;

/// <summary>
/// The sufficient statistics of one group of campaign members, for the statistics engine: the conversion rate is
/// <see cref="Converters"/> of <see cref="Members"/>; revenue per member is a mean over every member (those without an
/// attributed order count as 0), hence sums over per-member totals; the pre-period sums (revenue from all purchases in
/// the window-length period before launch, as recorded at launch) and the cross sum of pre × post per member are the
/// CUPED covariate's.
/// </summary>
public sealed record OutcomeSums(
    long Members,
    long Converters,
    double RevenueSum,
    double RevenueSumOfSquares,
    double PreRevenueSum,
    double PreRevenueSumOfSquares,
    double PrePostCrossSum);

/// <summary>A variant's members, whole or (in a breakdown) those in one <paramref name="Group"/>.</summary>
public sealed record VariantOutcomeSums(int VariantId, string? Group, OutcomeSums Sums);

/// <summary>How many of a variant's members were sent, delivered, opened and clicked (each counted once).</summary>
public sealed record VariantFunnel(int VariantId, long Sent, long Delivered, long Opened, long Clicked);

/// <summary>One day of a variant's cumulative outcome since launch: converters and per-member revenue totals up to the end of <paramref name="Day"/>.</summary>
public sealed record DailyOutcomeSums(DateOnly Day, int VariantId, long Members, long Converters, double RevenueSum, double RevenueSumOfSquares);

/// <summary>Everything a campaign's A/B report is computed from; breakdowns are by the members' RFM segment and country at launch.</summary>
public sealed record CampaignOutcomes(
    int CampaignId,
    DateTime LaunchedAt,
    DateTime PrePeriodStart,
    IReadOnlyList<VariantOutcomeSums> Variants,
    IReadOnlyList<VariantOutcomeSums> BySegment,
    IReadOnlyList<VariantOutcomeSums> ByCountry,
    IReadOnlyList<VariantFunnel> Funnel,
    IReadOnlyList<DailyOutcomeSums> Daily);
