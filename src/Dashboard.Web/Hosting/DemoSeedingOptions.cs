using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Hosting;

/// <summary>Demo data made at start-up when the database is empty (section "Demo").</summary>
public sealed class DemoSeedingOptions
{
    public const string Section = "Demo";

    public bool SeedWhenEmpty { get; set; } = true;

    [Range(1, 1_000_000)]
    public int Customers { get; set; } = 5000;

    [Range(1, 100_000)]
    public int Products { get; set; } = 600;

    [Range(1, 3650)]
    public int Days { get; set; } = 365;

    public int Seed { get; set; } = 42;

    /// <summary>
    /// After seeding, queue one training of every recommender family (the sequence models too), so the demo's Models page
    /// shows them within a minute instead of after the first nightly run; the pipeline has already trained the quick ones.
    /// </summary>
    public bool TrainRecommenders { get; set; } = true;

    /// <summary>Last simulated day; today (UTC) when not set, so the Overview's "last 30 days" has data.</summary>
    public DateTime? EndDate { get; set; }
}
