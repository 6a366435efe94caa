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
        // Three references to one table: SQL Server refuses several SET NULL paths, so the database does not act on delete
        // (model versions are kept, not deleted, while profiles point at them).
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(p => p.ChurnModelVersionId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(p => p.PropensityModelVersionId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasOne<ModelVersion>().WithMany().HasForeignKey(p => p.ValueModelVersionId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.Property(p => p.Segment).HasMaxLength(40);
        builder.Property(p => p.TopCategory).HasMaxLength(100);
        builder.Ignore(p => p.RfmCode);
        builder.OwnsMany(p => p.TopCategories, shares => shares.ToJson());
        builder.OwnsMany(p => p.ScoreExplanations, contributions => contributions.ToJson());
        builder.HasIndex(p => p.Segment);
        builder.HasIndex(p => p.Monetary);
        builder.HasIndex(p => p.LastPurchaseAt);
        builder.HasIndex(p => p.ChurnRisk);
        builder.HasIndex(p => p.PurchasePropensity);
        builder.HasIndex(p => p.ExpectedValue90d);
        builder.HasIndex(p => p.Cluster);
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

internal sealed class SegmentSnapshotConfiguration : IEntityTypeConfiguration<SegmentSnapshot>
{
    public void Configure(EntityTypeBuilder<SegmentSnapshot> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(80);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.Kind, s.Name, s.ComputedAt });
        builder.HasIndex(s => s.ComputedAt);
    }
}
