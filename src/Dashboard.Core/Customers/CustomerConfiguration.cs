using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.ExternalId).HasMaxLength(64);
        builder.HasIndex(c => c.ExternalId).IsUnique();
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.HasIndex(c => c.Email);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.Country).HasMaxLength(64);
        builder.HasIndex(c => c.Country);
        builder.Ignore(c => c.DisplayName);
    }
}
