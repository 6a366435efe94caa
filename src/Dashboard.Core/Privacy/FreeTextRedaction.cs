using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Models;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Privacy;

/// <summary>
/// Replaces an erased customer's identifiers in the columns that people type into or that logs and error messages
/// fill, where their details may have been written by hand or quoted by an exception. Only the mention is replaced:
/// the rest of the text, and the row, stay. Generated labels (product names, promo reasons, coupon codes, model
/// metrics) cannot hold personal data and are not scanned; the erasure test checks every column of every table.
/// </summary>
internal static class FreeTextRedaction
{
    /// <summary>Stages the changes in <paramref name="db"/>; returns how many fields changed.</summary>
    public static async Task<int> RedactAsync(DashboardDbContext db, PersonalIdentifiers person, CancellationToken ct) =>
        await RedactAsync<AuditEntry>(db, person, ct, nameof(AuditEntry.Details))
        + await RedactAsync<Campaign>(db, person, ct, nameof(Campaign.Name), nameof(Campaign.Description))
        + await RedactAsync<CampaignVariant>(db, person, ct, nameof(CampaignVariant.Name))
        + await RedactAsync<Audience>(db, person, ct, nameof(Audience.Name))
        + await RedactAsync<Segment>(db, person, ct, nameof(Segment.Name), nameof(Segment.Description))
        + await RedactAsync<ImportRun>(db, person, ct, nameof(ImportRun.Source), nameof(ImportRun.Error))
        + await RedactAsync<PipelineRun>(db, person, ct, nameof(PipelineRun.Log), nameof(PipelineRun.Error))
        + await RedactAsync<TrainingRun>(db, person, ct, nameof(TrainingRun.Log), nameof(TrainingRun.Error))
        + await RedactAsync<ApiKey>(db, person, ct, nameof(ApiKey.Name));

    private static async Task<int> RedactAsync<T>(DashboardDbContext db, PersonalIdentifiers person, CancellationToken ct, params string[] columns)
        where T : class
    {
        var rows = await db.Set<T>().Where(person.MayBeMentionedIn<T>(columns)).ToListAsync(ct);
        var changed = 0;
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                var property = db.Entry(row).Property<string?>(column);
                if (person.AreMentionedIn(property.CurrentValue))
                {
                    property.CurrentValue = Truncate(person.Redact(property.CurrentValue!), property.Metadata.GetMaxLength());
                    changed++;
                }
            }
        }

        return changed;
    }

    // "[erased]" can be longer than what it replaces.
    private static string Truncate(string text, int? maxLength) =>
        maxLength is { } max && text.Length > max ? text[..max] : text;
}
