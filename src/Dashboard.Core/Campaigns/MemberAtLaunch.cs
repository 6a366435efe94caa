using Dashboard.Core.Customers;
using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// What the launch keeps of each member on their promo-list entry: the scores the targeting saw, and the pre-treatment
/// covariates the report reads (segment, country, pre-period revenue). Taken at launch, they cannot be moved by the
/// campaign itself, and the report sums them from the promo list alone instead of joining profiles, customers and orders.
/// </summary>
internal sealed record MemberAtLaunch(
    int CustomerId,
    double? ChurnRisk,
    double? PurchasePropensity,
    double? ExpectedValue90d,
    string? Segment,
    string Country,
    double PreRevenue)
{
    /// <summary>The start of the pre-period: as long as the attribution window, ending at launch.</summary>
    public static DateTime PrePeriodStart(DateTime launchedAt, int attributionWindowDays) => launchedAt.AddDays(-attributionWindowDays);

    /// <summary>
    /// The <paramref name="members"/> as at <paramref name="launchedAt"/>, in customer order (a stable order for the
    /// promo list), in one query; members without a profile have no scores nor segment.
    /// </summary>
    internal static IQueryable<MemberAtLaunch> Of(DashboardDbContext db, IQueryable<Customer> members, DateTime launchedAt, int attributionWindowDays)
    {
        var preStart = PrePeriodStart(launchedAt, attributionWindowDays);
        return members
            .LeftJoin(db.Profiles, c => c.Id, p => p.CustomerId, (c, p) => new { Customer = c, Profile = p })
            .OrderBy(m => m.Customer.Id)
            .Select(m => new MemberAtLaunch(
                m.Customer.Id,
                m.Profile == null ? null : m.Profile.ChurnRisk,
                m.Profile == null ? null : m.Profile.PurchasePropensity,
                m.Profile == null ? null : m.Profile.ExpectedValue90d,
                m.Profile == null ? null : m.Profile.Segment,
                m.Customer.Country,
                db.Orders
                    .Where(o => o.CustomerId == m.Customer.Id && o.Kind == OrderKind.Purchase && o.PlacedAt >= preStart && o.PlacedAt < launchedAt)
                    .Sum(o => (double)o.Total)));
    }
}
