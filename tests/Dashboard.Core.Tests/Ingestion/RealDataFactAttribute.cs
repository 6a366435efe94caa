namespace Dashboard.Core.Tests.Ingestion;

/// <summary>
/// A test of the real UCI file in the shared data directory (../shared/data beside the checkout), which a fresh clone
/// does not have: skipped, with the reason, when the file is not there.
/// </summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute()
    {
        if (RealData.OnlineRetailPath is null)
        {
            Skip = "The real UCI Online Retail file (online_retail.csv.gz in the shared data directory) is not on this machine.";
        }
    }
}

public static class RealData
{
    /// <summary>The real file, found from the environment variable DASHBOARD_ONLINE_RETAIL or in the shared data directory.</summary>
    public static string? OnlineRetailPath { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("DASHBOARD_ONLINE_RETAIL") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "online_retail.csv.gz");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
