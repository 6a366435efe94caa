using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>
/// What an audience amounts to now: <see cref="Members"/> customers; the value model's expected net revenue of them over
/// the next 90 days (<see cref="ExpectedRevenue90d"/>, summed over the <see cref="Members"/> − <see cref="MembersWithoutValue"/>
/// who have a value score); and the contact cost of the <see cref="Contacted"/> members the holdout leaves.
/// </summary>
public sealed record AudienceEstimate(int Members, double ExpectedRevenue90d, int MembersWithoutValue, int Contacted, decimal ContactCost)
{
    public static AudienceEstimate Empty { get; } = new(0, 0, 0, 0, 0);
}

/// <summary>
/// Counts and values an audience while it is edited: one statement (a count, a sum and a count of unscored members over
/// the rule query left-joined to the profiles), plus two short ones when the rules use propensity percentiles.
/// This is the one way to count an audience; the launch job and the exports evaluate the same <see cref="AudienceQuery"/>.
/// </summary>
public sealed class AudienceEstimator(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock)
{
    /// <param name="holdoutShare">The share of members held out (not contacted), 0..1.</param>
    /// <param name="costPerContact">What one contact costs on the channel.</param>
    public async Task<AudienceEstimate> EstimateAsync(
        AudienceRules rules, CampaignChannel channel, double holdoutShare = 0, decimal costPerContact = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(holdoutShare);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(holdoutShare, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(costPerContact);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await AudienceQuery.CustomersAsync(db, rules, channel, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var totals = await Totals(db, members).SingleOrDefaultAsync(cancellationToken);
        if (totals is null)
        {
            return AudienceEstimate.Empty;
        }

        // The holdout is drawn per customer by hash; its expected size is the share.
        var contacted = (int)Math.Round(totals.Members * (1 - holdoutShare), MidpointRounding.AwayFromZero);
        return new AudienceEstimate(totals.Members, totals.Value ?? 0, totals.WithoutValue, contacted, contacted * costPerContact);
    }

    /// <summary>The members' count, value sum and unscored count in one statement (no row when nobody matches).</summary>
    internal static IQueryable<Totals> Totals(DashboardDbContext db, IQueryable<Customers.Customer> members) =>
        (from customer in members
         join profile in db.Profiles on customer.Id equals profile.CustomerId into profiles
         from profile in profiles.DefaultIfEmpty()
         select new { Value = profile == null ? null : profile.ExpectedValue90d })
        .GroupBy(_ => 1)
        .Select(g => new Totals { Members = g.Count(), Value = g.Sum(r => r.Value), WithoutValue = g.Count(r => r.Value == null) });

    /// <summary>How many customers the rules select now on the channel.</summary>
    public async Task<int> CountAsync(AudienceRules rules, CampaignChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await AudienceQuery.CustomerIdsAsync(db, rules, channel, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return await members.CountAsync(cancellationToken);
    }
}

internal sealed class Totals
{
    public int Members { get; init; }
    public double? Value { get; init; }
    public int WithoutValue { get; init; }
}
