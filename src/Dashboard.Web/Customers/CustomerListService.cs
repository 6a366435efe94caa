using Dashboard.Core.Persistence;
using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Customers;

public enum CustomerSort
{
    ExternalId,
    Name,
    Country,
    Segment,
    Frequency,
    Monetary,
    LastPurchase,
    ChurnRisk,
}

/// <summary>How long ago a customer last bought, measured like recency (against the profile's reference date).</summary>
public enum LastPurchaseBand
{
    Within30Days,
    Within90Days,
    Within365Days,
    Over365Days,
    Never,
}

/// <summary>Filters of the customer list; null means "any".</summary>
public sealed record CustomerFilter(
    string? Segment = null, string? Country = null, LastPurchaseBand? LastPurchase = null, int? Cluster = null, ChurnBand? Churn = null)
{
    public static CustomerFilter None { get; } = new();
}

public sealed record CustomerQuery(string? Search, CustomerSort Sort, bool Descending, int Page, int PageSize, CustomerFilter? Filter = null);

/// <summary>
/// One row of the customer list; the profile columns are null until the pipeline profiled the customer, and the churn
/// risk (0..1) until the churn model scored them.
/// </summary>
public sealed record CustomerRow(
    int Id,
    string ExternalId,
    string Name,
    string? Email,
    string Country,
    string? Segment,
    int? Frequency,
    double? Monetary,
    DateTime? LastPurchaseAt,
    double? ChurnRisk);

/// <param name="CanSearchPersonalData">False for roles without access to personal data: they search by customer id only.</param>
public sealed record CustomerPage(IReadOnlyList<CustomerRow> Rows, int TotalCount, bool CanSearchPersonalData);

/// <summary>
/// Search, sort and page customers in the database, with their RFM profile when there is one.
/// A list shows many people at once, so e-mails are always masked here and names are masked for roles
/// without access to personal data; the full contact details are on the (audited) profile page.
/// </summary>
public sealed class CustomerListService(IDbContextFactory<DashboardDbContext> contexts, CurrentStaff staff)
{
    public const int MaxPageSize = 200;

    public async Task<CustomerPage> SearchAsync(CustomerQuery query, CancellationToken cancellationToken = default)
    {
        var reveal = await staff.CanSeePersonalDataAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var rows =
            from c in db.Customers
            join p in db.Profiles on c.Id equals p.CustomerId into profiles
            from p in profiles.DefaultIfEmpty()
            select new
            {
                c.Id,
                c.ExternalId,
                c.FirstName,
                c.LastName,
                c.Email,
                c.Country,
                c.ErasedAt,
                Segment = p == null ? null : p.Segment,
                RecencyDays = p == null ? null : p.RecencyDays,
                Cluster = p == null ? null : p.Cluster,
                Frequency = p == null ? (int?)null : p.Frequency,
                Monetary = p == null ? (double?)null : p.Monetary,
                LastPurchaseAt = p == null ? null : p.LastPurchaseAt,
                ChurnRisk = p == null ? null : p.ChurnRisk,
            };

        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search) && !reveal)
        {
            // Searching names or e-mails would let a role without access confirm who is a customer.
            var pattern = $"%{EscapeLike(search)}%";
            rows = rows.Where(r => EF.Functions.Like(r.ExternalId, pattern, @"\"));
        }
        else if (!string.IsNullOrEmpty(search))
        {
            // LIKE is case-insensitive for ASCII on SQLite and with SQL Server's default collation. "First Last" contains
            // every match of either name alone, so the names are one condition: each search scans every customer.
            var pattern = $"%{EscapeLike(search)}%";
            rows = rows.Where(r =>
                EF.Functions.Like(r.ExternalId, pattern, @"\") ||
                EF.Functions.Like(r.Email!, pattern, @"\") ||
                EF.Functions.Like(r.FirstName + " " + r.LastName, pattern, @"\"));
        }

        var filter = query.Filter ?? CustomerFilter.None;
        if (filter.Segment is { Length: > 0 } segment)
        {
            rows = rows.Where(r => r.Segment == segment);
        }

        if (filter.Cluster is { } cluster)
        {
            rows = rows.Where(r => r.Cluster == cluster);
        }

        if (filter.Country is { Length: > 0 } country)
        {
            rows = rows.Where(r => r.Country == country);
        }

        rows = filter.LastPurchase switch
        {
            LastPurchaseBand.Within30Days => rows.Where(r => r.RecencyDays <= 30),
            LastPurchaseBand.Within90Days => rows.Where(r => r.RecencyDays <= 90),
            LastPurchaseBand.Within365Days => rows.Where(r => r.RecencyDays <= 365),
            LastPurchaseBand.Over365Days => rows.Where(r => r.RecencyDays > 365),
            LastPurchaseBand.Never => rows.Where(r => r.RecencyDays == null),
            _ => rows,
        };

        if (filter.Churn is { } churn)
        {
            // A customer without a profile has no churn score either, so "Not scored" lists them too.
            rows = rows.WhereChurnBand(r => r.ChurnRisk, churn);
        }

        var total = await rows.CountAsync(cancellationToken);

        // Sorting by a hidden name would leak its order; masked lists sort by customer id instead.
        var sortBy = query.Sort == CustomerSort.Name && !reveal ? CustomerSort.ExternalId : query.Sort;
        var sorted = (sortBy, query.Descending) switch
        {
            (CustomerSort.Name, false) => rows.OrderBy(r => r.LastName).ThenBy(r => r.FirstName),
            (CustomerSort.Name, true) => rows.OrderByDescending(r => r.LastName).ThenByDescending(r => r.FirstName),
            (CustomerSort.Country, false) => rows.OrderBy(r => r.Country),
            (CustomerSort.Country, true) => rows.OrderByDescending(r => r.Country),
            (CustomerSort.Segment, false) => rows.OrderBy(r => r.Segment),
            (CustomerSort.Segment, true) => rows.OrderByDescending(r => r.Segment),
            (CustomerSort.Frequency, false) => rows.OrderBy(r => r.Frequency),
            (CustomerSort.Frequency, true) => rows.OrderByDescending(r => r.Frequency),
            (CustomerSort.Monetary, false) => rows.OrderBy(r => r.Monetary),
            (CustomerSort.Monetary, true) => rows.OrderByDescending(r => r.Monetary),
            (CustomerSort.LastPurchase, false) => rows.OrderBy(r => r.LastPurchaseAt),
            (CustomerSort.LastPurchase, true) => rows.OrderByDescending(r => r.LastPurchaseAt),
            (CustomerSort.ChurnRisk, false) => rows.OrderBy(r => r.ChurnRisk),
            (CustomerSort.ChurnRisk, true) => rows.OrderByDescending(r => r.ChurnRisk),
            (_, false) => rows.OrderBy(r => r.ExternalId),
            (_, true) => rows.OrderByDescending(r => r.ExternalId),
        };

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(query.Page, 0);
        // Sort and skip on the key alone, then read the page's rows: SQLite's sorter holds whole result rows, and sorting
        // 100,000 rows of names and e-mails for a deep page spilled to disk (600 ms; the keys alone sort in under 100 ms).
        var ids = await sorted
            .ThenBy(r => r.Id)
            .Skip(page * pageSize)
            .Take(pageSize)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        var byId = await rows.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);

        // In key order; a row that stopped matching between the two reads (a profile run in between) is left out.
        var result = ids.Where(byId.ContainsKey).Select(id => byId[id])
            .Select(r => new CustomerRow(
                r.Id,
                r.ExternalId,
                r.ErasedAt is not null ? "(erased)" : reveal ? $"{r.FirstName} {r.LastName}".Trim() : PersonalDataMask.Name(r.FirstName, r.LastName),
                PersonalDataMask.Email(r.Email),
                r.Country,
                r.Segment,
                r.Frequency,
                r.Monetary,
                r.LastPurchaseAt,
                r.ChurnRisk))
            .ToList();
        return new CustomerPage(result, total, reveal);
    }

    /// <summary>The behavioural clusters of the last profile run (number and name), for the cluster filter.</summary>
    public async Task<IReadOnlyList<(int Number, string Name)>> ClustersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Segments.Where(s => s.Kind == Dashboard.Core.Profiles.SegmentKind.Cluster).Select(s => s.Name).ToListAsync(cancellationToken);
        return [.. names
            .Select(name => (Number: Dashboard.Core.Profiles.ClusterSegments.NumberOf(name), Name: name))
            .Where(c => c.Number is not null)
            .Select(c => (c.Number!.Value, c.Name))
            .OrderBy(c => c.Item1)];
    }

    /// <summary>The countries customers come from, for the country filter.</summary>
    public async Task<IReadOnlyList<string>> CountriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Customers.Select(c => c.Country).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
