namespace Dashboard.Core.Campaigns;

/// <summary>What may change on a campaign; the lifecycle says which of these each state allows.</summary>
[Flags]
public enum CampaignChanges
{
    None = 0,

    /// <summary>Name, description, objective.</summary>
    Details = 1,

    /// <summary>Who is targeted (rules, exclusions, channel).</summary>
    Audience = 2,

    /// <summary>Variants, their offers and the traffic split.</summary>
    Variants = 4,

    /// <summary>Schedule, budget and cost per contact, the discount offer, the primary metric and the attribution window.</summary>
    Plan = 8,
}

/// <summary>
/// The campaign lifecycle in one place: Draft -> Scheduled -> Running -> Completed, or Cancelled from any state that has
/// not ended. Scheduled means the launch (writing the promo list) is queued; from then on the audience and the variants are
/// frozen, because members are being assigned to variants and an A/B test whose groups change midway cannot be read.
/// Details stay editable until the campaign ends; an ended campaign changes no more.
/// </summary>
public static class CampaignLifecycle
{
    private static readonly Dictionary<CampaignStatus, CampaignStatus[]> Moves = new()
    {
        [CampaignStatus.Draft] = [CampaignStatus.Scheduled, CampaignStatus.Cancelled],
        [CampaignStatus.Scheduled] = [CampaignStatus.Running, CampaignStatus.Cancelled],
        [CampaignStatus.Running] = [CampaignStatus.Completed, CampaignStatus.Cancelled],
        [CampaignStatus.Completed] = [],
        [CampaignStatus.Cancelled] = [],
    };

    public static bool CanMove(CampaignStatus from, CampaignStatus to) => Moves[from].Contains(to);

    public static IReadOnlyList<CampaignStatus> NextStates(CampaignStatus from) => Moves[from];

    public static bool HasEnded(CampaignStatus status) => status is CampaignStatus.Completed or CampaignStatus.Cancelled;

    public static CampaignChanges Allowed(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => CampaignChanges.Details | CampaignChanges.Audience | CampaignChanges.Variants | CampaignChanges.Plan,
        CampaignStatus.Scheduled or CampaignStatus.Running => CampaignChanges.Details,
        _ => CampaignChanges.None,
    };

    /// <summary>A sentence for the campaign page: what can still change in this state, and why not the rest.</summary>
    public static string Explain(CampaignStatus status) => status switch
    {
        CampaignStatus.Draft => "Everything can change until launch.",
        CampaignStatus.Scheduled => "Launching: the audience, the variants and the plan are frozen; the name, description and objective can still change.",
        CampaignStatus.Running => "Running: the audience, the variants and the plan are frozen so the test stays readable; the name, description and objective can still change.",
        CampaignStatus.Completed => "Completed: nothing changes any more.",
        _ => "Cancelled: nothing changes any more.",
    };

    /// <summary>Moves <paramref name="campaign"/> to <paramref name="to"/>, or throws a <see cref="CampaignRuleException"/> saying why it cannot.</summary>
    public static void Move(Campaign campaign, CampaignStatus to, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!CanMove(campaign.Status, to))
        {
            var allowed = NextStates(campaign.Status);
            throw new CampaignRuleException(allowed.Count == 0
                ? $"This campaign is {campaign.Status}; it cannot become {to}."
                : $"A {campaign.Status.ToString().ToLowerInvariant()} campaign can become {string.Join(" or ", allowed)}, not {to}.");
        }

        campaign.Status = to;
        if (to is CampaignStatus.Completed or CampaignStatus.Cancelled)
        {
            campaign.CompletedAt = now;
        }
    }

    /// <summary>Throws unless the campaign's state allows <paramref name="changes"/>.</summary>
    public static void EnsureCanChange(Campaign campaign, CampaignChanges changes)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var forbidden = changes & ~Allowed(campaign.Status);
        if (forbidden != CampaignChanges.None)
        {
            throw new CampaignRuleException($"{forbidden} cannot change: {Explain(campaign.Status)}");
        }
    }
}
