using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Ingestion;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.Property(r => r.Source).HasMaxLength(400);
        builder.Property(r => r.Format).HasMaxLength(40);
        builder.Property(r => r.ContentHash).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Encoding).HasMaxLength(32);
        builder.Property(r => r.StartedBy).HasMaxLength(256);
        builder.HasIndex(r => r.ContentHash);
        builder.HasIndex(r => r.StartedAt);
        builder.HasMany(r => r.RejectedRows).WithOne().HasForeignKey(x => x.ImportRunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.RuleCounts).WithOne().HasForeignKey(x => x.ImportRunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRejectedRowConfiguration : IEntityTypeConfiguration<ImportRejectedRow>
{
    public void Configure(EntityTypeBuilder<ImportRejectedRow> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(400);
        builder.Property(r => r.RawLine).HasMaxLength(2000);
        builder.Property(r => r.Rule).HasMaxLength(32);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(r => new { r.ImportRunId, r.LineNumber });
    }
}

internal sealed class ImportRuleCountConfiguration : IEntityTypeConfiguration<ImportRuleCount>
{
    public void Configure(EntityTypeBuilder<ImportRuleCount> builder)
    {
        builder.Property(r => r.Rule).HasMaxLength(32);
        builder.HasIndex(r => new { r.ImportRunId, r.Rule }).IsUnique();
    }
}
