using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Models;

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> builder)
    {
        builder.Property(m => m.Kind).HasMaxLength(40);
        builder.HasIndex(m => new { m.Kind, m.IsChampion });
        builder.HasOne<TrainingRun>().WithMany().HasForeignKey(m => m.TrainingRunId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> builder)
    {
        builder.Property(r => r.Kind).HasMaxLength(40);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Property(r => r.CurrentModel).HasMaxLength(40);
        builder.HasIndex(r => r.StartedAt);
    }
}
