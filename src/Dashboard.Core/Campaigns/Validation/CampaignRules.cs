using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Campaigns.Validation;

/// <summary>
/// The checks that need nothing but the campaign itself: the schedule and the offer. Single-field limits (name length,
/// ranges) are data annotations on <see cref="CampaignDraft"/>; checks that need the data are in <see cref="CampaignReadiness"/>.
/// </summary>
public static partial class CampaignRules
{
    /// <summary>Coupon codes go to e-mail tools, ad platforms and checkout forms: keep them to characters all of them accept.</summary>
    public const int MaxCouponLength = 40;

    private const int GeneratedCodeLength = 8;

    public static IReadOnlyList<CampaignProblem> Check(CampaignDraft draft, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return [.. Schedule(draft.StartsAt, draft.EndsAt, now), .. Offer(draft.Offer)];
    }

    public static IEnumerable<CampaignProblem> Schedule(DateTime? startsAt, DateTime? endsAt, DateTime now)
    {
        if (endsAt is not { } end)
        {
            yield break;
        }

        if (startsAt is { } start && end <= start)
        {
            yield return new(nameof(CampaignDraft.EndsAt), $"The campaign ends ({Day(end)}) before it starts ({Day(start)}).");
        }
        else if (end <= now)
        {
            yield return new(nameof(CampaignDraft.EndsAt), $"The end date {Day(end)} has passed: pick a later one, or none to run until completed.");
        }
    }

    public static IEnumerable<CampaignProblem> Offer(CampaignOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        const string prefix = nameof(CampaignDraft.Offer) + ".";
        switch (offer.Discount)
        {
            case DiscountKind.PercentOff when offer.DiscountValue is <= 0 or > 100:
                yield return new(prefix + nameof(CampaignOffer.DiscountValue), "A percentage off must be more than 0 and at most 100.");
                break;
            case DiscountKind.AmountOff when offer.DiscountValue <= 0:
                yield return new(prefix + nameof(CampaignOffer.DiscountValue), "An amount off must be more than 0.");
                break;
            case DiscountKind.AmountOff when offer.MinimumOrder is { } minimum && minimum < offer.DiscountValue:
                yield return new(prefix + nameof(CampaignOffer.MinimumOrder),
                    $"The minimum order ({Money(minimum)}) is below the amount off ({Money(offer.DiscountValue)}): orders could become free.");
                break;
        }

        if (offer.MinimumOrder is < 0)
        {
            yield return new(prefix + nameof(CampaignOffer.MinimumOrder), "The minimum order cannot be negative.");
        }

        if (CouponPatternProblem(offer.CouponPattern) is { } problem)
        {
            yield return new(prefix + nameof(CampaignOffer.CouponPattern), problem);
        }
    }

    /// <summary>Why a coupon pattern is unusable, or null when it is fine.</summary>
    public static string? CouponPatternProblem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || CountPlaceholders(pattern) != 1)
        {
            return $"The coupon pattern needs {CampaignOffer.CodePlaceholder} exactly once, where each member's own code goes (e.g. SPRING-{CampaignOffer.CodePlaceholder}).";
        }

        var fixedPart = pattern.Replace(CampaignOffer.CodePlaceholder, "", StringComparison.Ordinal);
        if (!CouponCharacters().IsMatch(fixedPart))
        {
            return "The coupon pattern may use only capital letters, digits, '-' and '_' around the code.";
        }

        var length = fixedPart.Length + GeneratedCodeLength;
        return length > MaxCouponLength
            ? $"Coupon codes from this pattern would be {length} characters; the limit is {MaxCouponLength}."
            : null;
    }

    private static int CountPlaceholders(string pattern) =>
        (pattern.Length - pattern.Replace(CampaignOffer.CodePlaceholder, "", StringComparison.Ordinal).Length) / CampaignOffer.CodePlaceholder.Length;

    private static string Day(DateTime value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Z0-9_-]*$")]
    private static partial Regex CouponCharacters();
}
