namespace Dashboard.Core.Campaigns.Validation;

/// <summary>
/// One thing wrong with a campaign, in words for the manager. <paramref name="Field"/> names the form field it belongs
/// to (a <see cref="CampaignDraft"/> property, e.g. "EndsAt" or "Offer.CouponPattern"), so the form can show it in place.
/// </summary>
public sealed record CampaignProblem(string Field, string Message);

/// <summary>A campaign cannot be saved or launched as it is; <see cref="Problems"/> says every reason at once.</summary>
public sealed class CampaignValidationException(IReadOnlyList<CampaignProblem> problems)
    : CampaignRuleException(string.Join(" ", problems.Select(p => p.Message)))
{
    public IReadOnlyList<CampaignProblem> Problems { get; } = problems;
}
