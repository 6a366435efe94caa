using System.Diagnostics;
using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Dashboard.Web.Customers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks;

/// <summary>One timed customer-list request: what it asked, how many customers matched, and its server times.</summary>
public sealed record QueryTiming(string Name, string Request, int Matches, Timings Timings);

/// <summary>
/// Times the Customers page's server work (<see cref="CustomerListService"/>, the count and the page query) for the
/// requests people make: the first page, searches, each filter, the sort orders and a deep page. Each request runs
/// <c>warmup</c> times untimed, then <c>runs</c> times timed; the parameters (an id, a name, a segment, ...) are read from
/// the data so the requests find something. The searches run as CRM staff, who search names and e-mails too.
/// </summary>
public static class CustomerListBenchmark
{
    public const int PageSize = 25;

    public static async Task<IReadOnlyList<QueryTiming>> RunAsync(
        BenchmarkHost host, int warmup, int runs, Action<string, double> report, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(report);
        var crm = host.CustomerList(Roles.CrmStaff);
        var analyst = host.CustomerList(Roles.Analyst);
        var cases = await CasesAsync(host, crm, analyst, ct);
        var results = new List<QueryTiming>(cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            var (name, request, run) = cases[i];
            report(name, (double)i / cases.Count);
            var matches = 0;
            for (var w = 0; w < warmup; w++)
            {
                matches = await run(ct);
            }

            var times = new List<double>(runs);
            for (var r = 0; r < runs; r++)
            {
                var stopwatch = Stopwatch.StartNew();
                matches = await run(ct);
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            results.Add(new QueryTiming(name, request, matches, Timings.Of(times)));
        }

        report("done", 1);
        return results;
    }

    /// <summary>Runs every request once on a host that logs SQL into <paramref name="log"/>, and returns each request's statements.</summary>
    public static async Task<IReadOnlyList<(string Name, IReadOnlyList<string> Sql)>> SqlAsync(BenchmarkHost host, SqlLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(log);
        var cases = await CasesAsync(host, host.CustomerList(Roles.CrmStaff), host.CustomerList(Roles.Analyst), ct);
        log.Drain();
        var result = new List<(string, IReadOnlyList<string>)>(cases.Count);
        foreach (var (name, _, run) in cases)
        {
            await run(ct);
            result.Add((name, log.Drain()));
        }

        return result;
    }

    private static async Task<List<(string Name, string Request, Func<CancellationToken, Task<int>> Run)>> CasesAsync(
        BenchmarkHost host, CustomerListService crm, CustomerListService analyst, CancellationToken ct)
    {
        var sample = await SampleAsync(host, ct);
        var cases = new List<(string, string, Func<CancellationToken, Task<int>>)>();

        void Add(string name, string request, CustomerListService service, CustomerQuery query) =>
            cases.Add((name, request, async token => (await service.SearchAsync(query, token)).TotalCount));

        static CustomerQuery Page(CustomerFilter? filter = null, CustomerSort sort = CustomerSort.ExternalId, bool descending = false, int page = 0, string? search = null) =>
            new(search, sort, descending, page, PageSize, filter);

        Add("first page", "default sort (customer id), 25 rows", crm, Page());
        cases.Add(("page load", "the filters' countries and clusters, then the first page", async token =>
        {
            await crm.CountriesAsync(token);
            await crm.ClustersAsync(token);
            return (await crm.SearchAsync(Page(), token)).TotalCount;
        }));
        if (sample.ExternalId is { } id)
        {
            Add("search by id", $"\"{id}\" (CRM staff: id, name and e-mail)", crm, Page(search: id));
            Add("search by id, no personal data", $"\"{id}\" (analyst: id only)", analyst, Page(search: id));
        }

        if (sample.LastName is { } lastName)
        {
            Add("search by name", $"\"{lastName}\" (CRM staff)", crm, Page(search: lastName));
        }

        if (sample.Segment is { } segment)
        {
            Add("filter: segment", $"segment {segment}", crm, Page(new CustomerFilter(Segment: segment)));
            Add("filter: segment, by spend", $"segment {segment}, sorted by monetary descending", crm,
                Page(new CustomerFilter(Segment: segment), CustomerSort.Monetary, descending: true));
        }

        if (sample.Cluster is { } cluster)
        {
            Add("filter: cluster", $"cluster {cluster}", crm, Page(new CustomerFilter(Cluster: cluster)));
        }

        if (sample.Country is { } country)
        {
            Add("filter: country", $"country {country} (the most common)", crm, Page(new CustomerFilter(Country: country)));
        }

        Add("filter: last purchase 90 days", "bought within 90 days", crm, Page(new CustomerFilter(LastPurchase: LastPurchaseBand.Within90Days)));
        Add("filter: never bought", "no purchase", crm, Page(new CustomerFilter(LastPurchase: LastPurchaseBand.Never)));
        Add("sort: monetary", "all customers by monetary descending", crm, Page(sort: CustomerSort.Monetary, descending: true));
        Add("sort: recency", "all customers by last purchase, newest first", crm, Page(sort: CustomerSort.LastPurchase, descending: true));
        var lastPage = Math.Max(0, (sample.Customers - 1) / PageSize);
        Add("deep page", FormattableString.Invariant($"page {lastPage + 1:N0} of {lastPage + 1:N0}, default sort"), crm, Page(page: lastPage));
        Add("deep page, by spend", FormattableString.Invariant($"page {lastPage + 1:N0}, sorted by monetary descending"), crm,
            Page(sort: CustomerSort.Monetary, descending: true, page: lastPage));
        return cases;
    }

    /// <summary>Request parameters read from the data: the middle customer's id and last name, a segment, a cluster, the top country.</summary>
    private static async Task<Sample> SampleAsync(BenchmarkHost host, CancellationToken ct)
    {
        await using var db = await host.Contexts.CreateDbContextAsync(ct);
        var customers = await db.Customers.CountAsync(ct);
        var middle = await db.Customers.OrderBy(c => c.Id).Skip(customers / 2).Select(c => new { c.ExternalId, c.LastName }).FirstOrDefaultAsync(ct);
        var segments = await db.Segments.Where(s => s.Kind == SegmentKind.Rfm && s.CustomerCount > 0)
            .Select(s => new { s.Name, s.CustomerCount }).ToListAsync(ct);
        // Champions when there are any (a typical marketing list), else the largest segment.
        var segment = segments.FirstOrDefault(s => s.Name == "Champions")?.Name ?? segments.OrderByDescending(s => s.CustomerCount).FirstOrDefault()?.Name;
        var cluster = await db.Profiles.Where(p => p.Cluster != null).MinAsync(p => p.Cluster, ct);
        var country = await db.Customers.GroupBy(c => c.Country).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(ct);
        return new Sample(customers, middle?.ExternalId, string.IsNullOrWhiteSpace(middle?.LastName) ? null : middle.LastName, segment, cluster, country);
    }

    private sealed record Sample(int Customers, string? ExternalId, string? LastName, string? Segment, int? Cluster, string? Country);
}
