using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Models;

/// <summary>
/// A setting changed from the UI at run time (such as the recommender training schedule): stored in the database so
/// that it survives a restart and every host reads the same value, where configuration files only give the default.
/// </summary>
public class DashboardSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

internal sealed class DashboardSettingConfiguration : IEntityTypeConfiguration<DashboardSetting>
{
    public void Configure(EntityTypeBuilder<DashboardSetting> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(400);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
