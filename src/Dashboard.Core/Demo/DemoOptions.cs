using System.Globalization;
using System.Text;

namespace Dashboard.Core.Demo;

/// <summary>What demo shop to make. The same options (seed included) always make the same shop.</summary>
public sealed record DemoOptions
{
    public const int MaxCustomers = 1_000_000;
    public const int MinProducts = 40;
    public const int MaxProducts = 99_999;
    public const int MinDays = 7;
    public const int MaxDays = 1_095;

    public int Customers { get; init; } = 5_000;

    /// <summary>At least <see cref="MinProducts"/>, so every category has a few products and a follow-up.</summary>
    public int Products { get; init; } = 600;

    /// <summary>How many days of sessions to simulate, ending with <see cref="EndDate"/>.</summary>
    /// <summary>A year by default: churn and expected value are judged over 90 days, and their time-based split needs two such windows plus history.</summary>
    public int Days { get; init; } = 365;

    public int Seed { get; init; } = 42;

    /// <summary>The last simulated day (a UTC date, no time of day). Callers pass today's UTC date; tests a fixed one.</summary>
    public required DateTime EndDate { get; init; }

    /// <summary>The first simulated day (UTC midnight).</summary>
    public DateTime StartDate => DateTime.SpecifyKind(EndDate, DateTimeKind.Utc).AddDays(-(Days - 1));

    /// <summary>Nothing happens at or after this instant: midnight after <see cref="EndDate"/> (UTC).</summary>
    public DateTime WindowEnd => DateTime.SpecifyKind(EndDate, DateTimeKind.Utc).AddDays(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        Require(Customers is >= 1 and <= MaxCustomers, nameof(Customers),
            $"Customers must be between 1 and {MaxCustomers.ToString("N0", CultureInfo.InvariantCulture)} (was {Customers}).");
        Require(Products is >= MinProducts and <= MaxProducts, nameof(Products),
            $"Products must be between {MinProducts} and {MaxProducts.ToString("N0", CultureInfo.InvariantCulture)} (was {Products}); " +
            "the demo catalog needs a few products in each of its categories.");
        Require(Days is >= MinDays and <= MaxDays, nameof(Days),
            $"Days must be between {MinDays} and {MaxDays} (was {Days}).");
        Require(EndDate.Kind != DateTimeKind.Local, nameof(EndDate),
            $"EndDate must be a UTC date, not local time (was {EndDate:O}); pass DateTime.UtcNow.Date.");
        Require(EndDate.TimeOfDay == TimeSpan.Zero, nameof(EndDate),
            $"EndDate must be a date without a time of day (was {EndDate:O}); pass e.g. DateTime.UtcNow.Date.");
        Require(EndDate.Year is >= 2000 and <= 2200, nameof(EndDate),
            $"EndDate must lie between the years 2000 and 2200 (was {EndDate:yyyy-MM-dd}).");
    }

    /// <summary>Keeps <c>ToString()</c> safe for any input: the derived dates cannot be computed for extreme end dates.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Customers = {Customers}, Products = {Products}, Days = {Days}, Seed = {Seed}, EndDate = {EndDate:yyyy-MM-dd HH:mm:ss} ({EndDate.Kind})");
        return true;
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
