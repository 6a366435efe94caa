using CsvHelper;
using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Campaigns.Exports;

/// <summary>What an ad-audience file held: the members written and those left out (no ads consent, or nothing to match on).</summary>
public sealed record AdAudienceExportResult(int Written, int WithoutConsent, int Unmatchable);

/// <summary>
/// A launched campaign's promo-list members as a paid-social / ads customer-match file: one row per member with the
/// SHA-256 of the normalised e-mail and of the E.164 phone (<see cref="CustomerMatchIdentifiers"/>), under the column names
/// Google Ads Customer Match expects for hashed uploads ("Email", "Phone"). No clear-text personal data leaves: only
/// members who consented to ads and were not erased are written, and a member with neither identifier is left out.
/// </summary>
public sealed class AdAudienceExport(IDbContextFactory<DashboardDbContext> contexts)
{
    public async Task<AdAudienceExportResult> WriteAsync(int campaignId, int? variantId, Stream destination, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var members =
            from entry in db.PromoListEntries.AsNoTracking()
            where entry.CampaignId == campaignId && (variantId == null || entry.VariantId == variantId)
            // The holdout must see no ads either.
            where db.CampaignVariants.Any(v => v.Id == entry.VariantId && v.Strategy != OfferStrategy.None)
            join customer in db.Customers on entry.CustomerId equals customer.Id
            where customer.ErasedAt == null
            orderby entry.CustomerId
            select new { customer.AdsOptIn, customer.Email, customer.Phone, customer.Country };

        await using var csv = CsvWriter.Create(destination, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        await csv.WriteRecordAsync(["Email", "Phone"], ct);
        int written = 0, withoutConsent = 0, unmatchable = 0;
        await foreach (var member in members.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!member.AdsOptIn)
            {
                withoutConsent++;
                continue;
            }

            var email = CustomerMatchIdentifiers.HashedEmail(member.Email);
            var phone = CustomerMatchIdentifiers.HashedPhone(member.Phone, member.Country);
            if (email is null && phone is null)
            {
                unmatchable++;
                continue;
            }

            await csv.WriteRecordAsync([email ?? "", phone ?? ""], ct);
            written++;
        }

        await csv.FlushAsync(ct);
        return new AdAudienceExportResult(written, withoutConsent, unmatchable);
    }
}
