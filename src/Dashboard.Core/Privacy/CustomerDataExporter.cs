using System.Globalization;
using Dashboard.Core.Catalog;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Persistence;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Privacy;

/// <summary>
/// Answers a data-subject access request: collects everything held about one customer and records who asked.
/// Reads only; the erasure counterpart is <see cref="CustomerEraser"/>.
/// </summary>
public sealed class CustomerDataExporter(IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider clock)
{
    public const string About =
        "Everything the shop's marketing dashboard holds about you: your customer record with your marketing consents, " +
        "the profile computed from your purchases, your orders, what you did on the shop (behaviour events), the campaign " +
        "offers made to you, when they reached you, the orders they were credited with, and lines of imported files that " +
        "mention you and could not be imported. Times are UTC; amounts are in the shop's currency.";

    public async Task<CustomerDataExport?> ExportAsync(int customerId, string actor, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null)
        {
            return null;
        }

        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.CustomerId == customerId, ct);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customerId)
            .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id)
            .Select(o => new ExportedOrder(o.Id, o.InvoiceNo, o.Kind, o.OriginalOrderId, o.PlacedAt, o.Country, o.Total,
                o.Lines.OrderBy(l => l.Id).Select(l => new ExportedOrderLine(l.Product!.Sku, l.Product.Name, l.Quantity, l.UnitPrice)).ToList()))
            .ToListAsync(ct);
        var events = await db.Events.AsNoTracking().Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
        var entries = await db.PromoListEntries.AsNoTracking().Include(e => e.Items)
            .Where(e => e.CustomerId == customerId).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync(ct);
        var exposures = await db.Exposures.AsNoTracking().Where(e => e.CustomerId == customerId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
        var conversions = await db.Conversions.AsNoTracking().Where(c => c.CustomerId == customerId)
            .OrderBy(c => c.ConvertedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var rejectedRows = await RejectedRowsMentioningAsync(db, new PersonalIdentifiers(customer), ct);

        // Names for the keys, so that the person can read the file without the database.
        var productIds = events.Select(e => e.ProductId).OfType<int>()
            .Concat(entries.SelectMany(e => e.Items).Select(i => i.ProductId)).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var campaignIds = entries.Select(e => e.CampaignId).Concat(exposures.Select(e => e.CampaignId))
            .Concat(conversions.Select(c => c.CampaignId)).Distinct().ToList();
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var variants = await db.CampaignVariants.AsNoTracking().Where(v => campaignIds.Contains(v.CampaignId)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        Product? ProductOf(int? id) => id is { } key ? products[key] : null;

        var export = new CustomerDataExport(
            clock.GetUtcNow().UtcDateTime,
            About,
            ExportedCustomer.From(customer),
            profile is null ? null : ExportedProfile.From(profile),
            orders,
            events.Select(e => new ExportedEvent(
                e.Id, e.Type, e.OccurredAt, e.SessionId, ProductOf(e.ProductId)?.Sku, ProductOf(e.ProductId)?.Name, e.OrderId, e.CampaignId)).ToList(),
            entries.Select(e => new ExportedPromoListEntry(
                e.CampaignId, campaigns[e.CampaignId], variants[e.VariantId], e.CouponCode, e.CreatedAt,
                e.Items.OrderBy(i => i.Rank)
                    .Select(i => new ExportedPromoListItem(i.Rank, products[i.ProductId].Sku, products[i.ProductId].Name, i.Score, i.Reason))
                    .ToList())).ToList(),
            exposures.Select(e => new ExportedExposure(e.CampaignId, campaigns[e.CampaignId], variants[e.VariantId], e.Kind, e.OccurredAt)).ToList(),
            conversions.Select(c => new ExportedConversion(
                c.CampaignId, campaigns[c.CampaignId], variants[c.VariantId], c.OrderId, c.Revenue, c.ConvertedAt)).ToList(),
            rejectedRows);

        await audit.RecordAsync(actor, AuditActions.CustomerExported, AuditEntities.Customer, customerId.ToString(CultureInfo.InvariantCulture), ct: ct);
        return export;
    }

    /// <summary>Rejected rows are not linked to customers (they failed to import), so they are found by what they say.</summary>
    private static async Task<List<ExportedRejectedImportRow>> RejectedRowsMentioningAsync(DashboardDbContext db, PersonalIdentifiers person, CancellationToken ct)
    {
        var candidates = await db.ImportRejectedRows.AsNoTracking()
            .Where(person.MayBeMentionedIn<ImportRejectedRow>(nameof(ImportRejectedRow.RawLine), nameof(ImportRejectedRow.Reason)))
            .Join(db.ImportRuns, r => r.ImportRunId, run => run.Id, (r, run) => new { Row = r, run.Source, run.StartedAt })
            .OrderBy(x => x.StartedAt).ThenBy(x => x.Row.ImportRunId).ThenBy(x => x.Row.LineNumber)
            .ToListAsync(ct);
        return candidates
            .Where(x => person.AreMentionedIn(x.Row.RawLine) || person.AreMentionedIn(x.Row.Reason))
            .Select(x => new ExportedRejectedImportRow(x.Row.ImportRunId, x.Source, x.StartedAt, x.Row.LineNumber, x.Row.Reason, x.Row.RawLine))
            .ToList();
    }
}
