using Dashboard.Core.Campaigns;
using Dashboard.Core.Experiments.Statistics;

namespace Dashboard.Core.Experiments;

public sealed record VariantOutcome(
    int VariantId,
    string Name,
    bool IsControl,
    OfferStrategy Strategy,
    double PlannedShare,
    int Members,
    int Exposed,
    int Converters,
    int Orders,
    double Revenue)
{
    public double ConversionRate => Members == 0 ? 0 : (double)Converters / Members;
    public double RevenuePerMember => Members == 0 ? 0 : Revenue / Members;
}

public sealed record VariantComparison(VariantOutcome Treatment, ProportionTestResult Test);

public sealed record CampaignReport(
    int CampaignId,
    string Name,
    CampaignStatus Status,
    DateTime? LaunchedAt,
    int AttributionWindowDays,
    IReadOnlyList<VariantOutcome> Variants,
    IReadOnlyList<VariantComparison> Comparisons)
{
    public VariantOutcome? Control => Variants.FirstOrDefault(v => v.IsControl);
}
