using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Privacy;

internal sealed class ErasedIdentifierConfiguration : IEntityTypeConfiguration<ErasedIdentifier>
{
    public void Configure(EntityTypeBuilder<ErasedIdentifier> builder)
    {
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.Hash).IsUnique();
    }
}
