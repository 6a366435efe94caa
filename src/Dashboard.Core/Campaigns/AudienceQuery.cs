using Dashboard.Core.Persistence;

namespace Dashboard.Core.Campaigns;

/// <summary>Translates audience rules into one SQL query over customers and their profiles.</summary>
public static class AudienceQuery
{
    public static IQueryable<int> CustomerIds(DashboardDbContext db, AudienceRules rules, CampaignChannel channel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rules);
        var customers = db.Customers.Where(c => c.ErasedAt == null);
        if (rules.Countries.Count > 0)
        {
            var countries = rules.Countries.ToList();
            customers = customers.Where(c => countries.Contains(c.Country));
        }

        if (rules.RequireConsent)
        {
            customers = customers.WithConsentFor(channel);
        }

        if (rules.Segments.Count > 0)
        {
            var segments = rules.Segments.ToList();
            customers = customers.Where(c => db.Profiles.Any(p => p.CustomerId == c.Id && segments.Contains(p.Segment)));
        }

        return customers.Select(c => c.Id);
    }
}
