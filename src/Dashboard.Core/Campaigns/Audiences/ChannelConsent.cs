using Dashboard.Core.Customers;

namespace Dashboard.Core.Campaigns.Audiences;

/// <summary>Which consent a channel needs. Audiences apply it at launch, and exports apply it again, because consent can be withdrawn after launch.</summary>
public static class ChannelConsent
{
    public static IQueryable<Customer> WithConsentFor(this IQueryable<Customer> customers, CampaignChannel channel) => channel switch
    {
        CampaignChannel.Email => customers.Where(c => c.EmailOptIn),
        CampaignChannel.Push => customers.Where(c => c.PushOptIn),
        CampaignChannel.PaidSocial => customers.Where(c => c.AdsOptIn),
        // On-site banners are shown to visitors who are on the site anyway.
        _ => customers,
    };
}
