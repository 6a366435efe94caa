using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Events;

internal sealed class BehaviorEventConfiguration : IEntityTypeConfiguration<BehaviorEvent>
{
    public void Configure(EntityTypeBuilder<BehaviorEvent> builder)
    {
        builder.Property(e => e.SessionId).HasMaxLength(64);
        builder.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
        // Timelines read a customer's events in time order; popularity and funnels scan by time and type.
        builder.HasIndex(e => new { e.CustomerId, e.OccurredAt });
        builder.HasIndex(e => new { e.OccurredAt, e.Type });
        builder.HasIndex(e => new { e.ProductId, e.Type });
        // A campaign's e-mail opens and clicks for its report's funnel. Most events have no campaign: they stay out of it
        // (SQLite and SQL Server both use it for "CampaignId = @id", which implies the filter).
        builder.HasIndex(e => new { e.CampaignId, e.Type, e.CustomerId }).HasFilter("CampaignId IS NOT NULL");
    }
}
