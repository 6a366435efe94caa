using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Catalog;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.Property(p => p.Sku).HasMaxLength(64);
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.Property(p => p.Category).HasMaxLength(100);
        builder.HasIndex(p => new { p.Category, p.IsActive });
        builder.Property(p => p.Price).HasPrecision(18, 2);
    }
}
