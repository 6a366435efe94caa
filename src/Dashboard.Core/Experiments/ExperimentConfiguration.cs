using Dashboard.Core.Campaigns;
using Dashboard.Core.Customers;
using Dashboard.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Experiments;

internal sealed class ExposureConfiguration : IEntityTypeConfiguration<Exposure>
{
    public void Configure(EntityTypeBuilder<Exposure> builder)
    {
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CampaignVariant>().WithMany().HasForeignKey(e => e.VariantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // The report's funnel: members per (variant, kind) counted on the first, without reading the table; whether an
        // e-mail event's member already has an exposure of that kind, one seek in the second.
        builder.HasIndex(e => new { e.CampaignId, e.VariantId, e.Kind, e.CustomerId });
        builder.HasIndex(e => new { e.CampaignId, e.Kind, e.CustomerId });
        builder.HasIndex(e => new { e.CustomerId, e.OccurredAt });
    }
}

internal sealed class ConversionConfiguration : IEntityTypeConfiguration<Conversion>
{
    public void Configure(EntityTypeBuilder<Conversion> builder)
    {
        builder.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CampaignVariant>().WithMany().HasForeignKey(c => c.VariantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(c => c.OrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CampaignId, c.OrderId }).IsUnique();
        builder.HasIndex(c => new { c.CampaignId, c.VariantId });
    }
}
