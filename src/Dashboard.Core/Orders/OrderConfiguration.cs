using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.InvoiceNo).HasMaxLength(64);
        builder.HasIndex(o => o.InvoiceNo).IsUnique();
        builder.Property(o => o.Country).HasMaxLength(64);
        builder.Property(o => o.Total).HasPrecision(18, 2);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(o => o.PlacedAt);
        builder.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        builder.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(o => o.OriginalOrderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.ProductId);
    }
}
