using System.Globalization;

namespace Dashboard.Core.Campaigns;

public enum DiscountKind
{
    /// <summary>The products are recommended without a discount.</summary>
    None = 0,
    PercentOff = 1,
    AmountOff = 2,
}

/// <summary>
/// The incentive every contacted member gets: a discount redeemable with their personal coupon code, limited to eligible
/// categories or products and a minimum order. Eligibility also limits which products the promo list may offer.
/// </summary>
public class CampaignOffer
{
    /// <summary>Where the member's code goes; "{code}" is replaced by 8 symbols unique to the member.</summary>
    public const string CodePlaceholder = "{code}";

    public const string DefaultCouponPattern = "PROMO-" + CodePlaceholder;

    public DiscountKind Discount { get; set; }

    /// <summary>Percent (0..100) for <see cref="DiscountKind.PercentOff"/>, money for <see cref="DiscountKind.AmountOff"/>.</summary>
    public decimal DiscountValue { get; set; }

    public string CouponPattern { get; set; } = DefaultCouponPattern;

    public decimal? MinimumOrder { get; set; }

    /// <summary>Categories the discount applies to; empty means all.</summary>
    public List<string> EligibleCategories { get; set; } = [];

    /// <summary>Product SKUs the discount applies to; empty means all (within the categories).</summary>
    public List<string> EligibleSkus { get; set; } = [];

    public bool LimitsProducts => EligibleCategories.Count > 0 || EligibleSkus.Count > 0;

    /// <summary>The offer in one line for pages and exports, e.g. "15 % off on Books, orders from 50.00, codes like SPRING-XXXXXXXX".</summary>
    public string Describe()
    {
        var culture = CultureInfo.InvariantCulture;
        List<string> parts =
        [
            Discount switch
            {
                DiscountKind.PercentOff => string.Create(culture, $"{DiscountValue:0.##} % off"),
                DiscountKind.AmountOff => string.Create(culture, $"{DiscountValue:N2} off"),
                _ => "No discount",
            },
        ];
        if (LimitsProducts)
        {
            parts.Add("on " + string.Join(", ", EligibleCategories.Concat(EligibleSkus.Select(sku => "SKU " + sku))));
        }

        if (MinimumOrder is { } minimum)
        {
            parts.Add(string.Create(culture, $"orders from {minimum:N2}"));
        }

        parts.Add("codes like " + CouponPattern.Replace(CodePlaceholder, "XXXXXXXX", StringComparison.Ordinal));
        return string.Join(", ", parts);
    }
}
