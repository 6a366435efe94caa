using Dashboard.Core.Catalog;
using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Customers;
using Dashboard.Core.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(2000);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Objective).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.PrimaryMetric).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Budget).HasPrecision(18, 2);
        builder.Property(c => c.CostPerContact).HasPrecision(18, 4);
        builder.OwnsOne(c => c.Offer, offer =>
        {
            offer.Property(o => o.Discount).HasConversion<string>().HasMaxLength(16);
            offer.Property(o => o.DiscountValue).HasPrecision(18, 2);
            offer.Property(o => o.MinimumOrder).HasPrecision(18, 2);
            offer.Property(o => o.CouponPattern).HasMaxLength(40);
            offer.Ignore(o => o.LimitsProducts);
        });
        builder.Navigation(c => c.Offer).IsRequired();
        builder.HasIndex(c => c.Status);
        builder.HasOne(c => c.Audience).WithMany().HasForeignKey(c => c.AudienceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Variants).WithOne().HasForeignKey(v => v.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(c => c.CanEditAudienceAndVariants);
    }
}

internal sealed class CampaignVariantConfiguration : IEntityTypeConfiguration<CampaignVariant>
{
    public void Configure(EntityTypeBuilder<CampaignVariant> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Strategy).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(v => v.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AudienceConfiguration : IEntityTypeConfiguration<Audience>
{
    public void Configure(EntityTypeBuilder<Audience> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(1000);
        builder.HasIndex(a => new { a.IsSaved, a.Name });
    }
}

internal sealed class PromoListEntryConfiguration : IEntityTypeConfiguration<PromoListEntry>
{
    public void Configure(EntityTypeBuilder<PromoListEntry> builder)
    {
        builder.Property(e => e.CouponCode).HasMaxLength(40);
        builder.Property(e => e.Segment).HasMaxLength(40);
        builder.Property(e => e.Country).HasMaxLength(64);
        builder.HasIndex(e => new { e.CampaignId, e.CustomerId }).IsUnique();
        // Covers the report's members per (variant, segment, country) with their pre-period sums: one ordered read of
        // the campaign's index entries, without touching the table (a million members in a fraction of a second).
        builder.HasIndex(e => new { e.CampaignId, e.VariantId, e.Segment, e.Country, e.PreRevenue });
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(e => e.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CampaignVariant>().WithMany().HasForeignKey(e => e.VariantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Items).WithOne().HasForeignKey(i => i.PromoListEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PromoListItemConfiguration : IEntityTypeConfiguration<PromoListItem>
{
    public void Configure(EntityTypeBuilder<PromoListItem> builder)
    {
        builder.Property(i => i.Reason).HasMaxLength(200);
        builder.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
