using Dashboard.Core.Customers;
using Dashboard.Core.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Profiles;

internal sealed class CustomerProfileConfiguration : IEntityTypeConfiguration<CustomerProfile>
{
    public void Configure(EntityTypeBuilder<CustomerProfile> builder)
    {
        builder.HasKey(p => p.CustomerId);
        builder.HasOne<Customer>().WithOne().HasForeignKey<CustomerProfile>(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(p => p.ModelVersionId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(p => p.Segment).HasMaxLength(40);
        builder.Property(p => p.TopCategory).HasMaxLength(100);
        builder.Ignore(p => p.RfmCode);
        builder.OwnsMany(p => p.TopCategories, shares => shares.ToJson());
        builder.HasIndex(p => p.Segment);
        builder.HasIndex(p => p.Monetary);
        builder.HasIndex(p => p.LastPurchaseAt);
    }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(80);
        builder.Property(s => s.Description).HasMaxLength(400);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.Kind, s.Name }).IsUnique();
    }
}
