using Dashboard.Core.Orders;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Customers;

/// <summary>The contact card of one customer, already masked for the viewer's role.</summary>
public sealed record CustomerContact(string Name, string? Email, string? Phone, bool Masked);

public sealed record CustomerCampaignRow(int CampaignId, string Campaign, string Variant, string? CouponCode, DateTime AssignedAt, int Conversions, double Revenue);

public sealed record CategoryShareView(string Category, double Share);

/// <summary>Quintile scores 1-5 against every profiled buyer, 5 the best fifth.</summary>
public sealed record RfmScores(int Recency, int Frequency, int Monetary);

public sealed record CustomerProfileSummary(
    string Segment, string RfmCode, int? RecencyDays, int Frequency, double Monetary,
    DateTime? FirstPurchaseAt, DateTime? LastPurchaseAt, string? TopCategory, double? ChurnRisk, DateTime ComputedAt,
    int? TenureDays, double? AverageOrderValue, double? ReturnRate, int DistinctProducts,
    DayOfWeek? PreferredWeekday, int? PreferredHour, IReadOnlyList<CategoryShareView> TopCategories, string? ClusterName = null,
    RfmScores? Rfm = null);

public sealed record CustomerDetail(
    int Id,
    string ExternalId,
    CustomerContact Contact,
    string Country,
    DateTime CreatedAt,
    bool EmailOptIn,
    bool PushOptIn,
    bool AdsOptIn,
    DateTime? ErasedAt,
    CustomerProfileSummary? Profile,
    int OrderCount,
    decimal Revenue,
    IReadOnlyList<CustomerCampaignRow> Campaigns);

/// <summary>
/// One customer for the profile page. Contact details are masked on the server for roles without access to
/// personal data, and each view is written to the audit log.
/// </summary>
public sealed class CustomerDetailService(IDbContextFactory<DashboardDbContext> contexts, CurrentStaff staff, AuditLog audit)
{
    public async Task<CustomerDetail?> LoadAsync(int customerId, CancellationToken ct = default)
    {
        var reveal = await staff.CanSeePersonalDataAsync();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return null;
        }

        var contact = customer.ErasedAt is not null
            ? new CustomerContact("(erased)", null, null, Masked: false)
            : reveal
                ? new CustomerContact(customer.DisplayName, customer.Email, customer.Phone, Masked: false)
                : new CustomerContact(PersonalDataMask.Name(customer.FirstName, customer.LastName), PersonalDataMask.Email(customer.Email), PersonalDataMask.Phone(customer.Phone), Masked: true);

        var stored = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.CustomerId == customerId, ct);
        var profile = stored is null ? null : new CustomerProfileSummary(
            stored.Segment, stored.RfmCode, stored.RecencyDays, stored.Frequency, stored.Monetary, stored.FirstPurchaseAt, stored.LastPurchaseAt,
            stored.TopCategory, stored.ChurnRisk, stored.ComputedAt, stored.TenureDays, stored.AverageOrderValue, stored.ReturnRate,
            stored.DistinctProducts, stored.PreferredWeekday, stored.PreferredHour,
            [.. stored.TopCategories.Select(c => new CategoryShareView(c.Category, c.Share))],
            stored.Cluster is { } cluster ? await ClusterNameAsync(db, cluster, ct) : null,
            stored.RecencyScore == 0 ? null : new RfmScores(stored.RecencyScore, stored.FrequencyScore, stored.MonetaryScore));

        var orders = db.Orders.Where(o => o.CustomerId == customerId);
        var orderCount = await orders.CountAsync(o => o.Kind == OrderKind.Purchase, ct);
        var purchases = await orders.Where(o => o.Kind == OrderKind.Purchase).SumAsync(o => o.Total, ct);
        var returns = await orders.Where(o => o.Kind == OrderKind.Return).SumAsync(o => o.Total, ct);

        var campaigns = await (
            from e in db.PromoListEntries
            where e.CustomerId == customerId
            join c in db.Campaigns on e.CampaignId equals c.Id
            join v in db.CampaignVariants on e.VariantId equals v.Id
            orderby e.CreatedAt descending
            select new CustomerCampaignRow(
                c.Id, c.Name, v.Name, e.CouponCode, e.CreatedAt,
                db.Conversions.Count(x => x.CampaignId == c.Id && x.CustomerId == customerId),
                db.Conversions.Where(x => x.CampaignId == c.Id && x.CustomerId == customerId).Sum(x => (double?)x.Revenue) ?? 0))
            .ToListAsync(ct);

        return new CustomerDetail(
            customer.Id, customer.ExternalId, contact, customer.Country, customer.CreatedAt,
            customer.EmailOptIn, customer.PushOptIn, customer.AdsOptIn, customer.ErasedAt,
            profile, orderCount, purchases - returns, campaigns);
    }

    /// <summary>The cluster's segment name ("Cluster N: description"), as the profile stage wrote it.</summary>
    private static async Task<string?> ClusterNameAsync(DashboardDbContext db, int cluster, CancellationToken ct)
    {
        var prefix = Dashboard.Core.Profiles.ClusterSegments.NamePrefix(cluster);
        return await db.Segments.AsNoTracking()
            .Where(s => s.Kind == Dashboard.Core.Profiles.SegmentKind.Cluster && s.Name.StartsWith(prefix))
            .Select(s => s.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>Records that the signed-in user opened this customer's profile (once per visit, not per render).</summary>
    public async Task RecordViewAsync(int customerId, bool contactRevealed, CancellationToken ct = default) =>
        await audit.RecordAsync(await staff.ActorAsync(), AuditActions.ProfileViewed, AuditEntities.Customer,
            customerId.ToString(System.Globalization.CultureInfo.InvariantCulture), contactRevealed ? "contact details shown" : "contact details masked", ct);
}
