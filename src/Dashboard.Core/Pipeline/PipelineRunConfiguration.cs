using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Pipeline;

internal sealed class PipelineRunConfiguration : IEntityTypeConfiguration<PipelineRun>
{
    public void Configure(EntityTypeBuilder<PipelineRun> builder)
    {
        builder.Property(r => r.Trigger).HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CurrentStage).HasMaxLength(40);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Ignore(r => r.Duration);
        builder.HasIndex(r => r.StartedAt);
    }
}
