using System.Globalization;

namespace Dashboard.Core.Demo;

/// <summary>A category a shopper prefers and the share of their preferred-category sessions it gets.</summary>
public sealed record DemoCategoryPreference(string Category, double Weight);

/// <summary>
/// The hidden taste of one demo customer. <see cref="For(int, int)"/> is a pure function of the seed and
/// the customer's index: it draws from its own random stream, so a later simulation can recompute any
/// customer's taste from the seed and the customer's <c>ExternalId</c> without generating anyone else.
/// The README in this folder states every distribution.
/// </summary>
public sealed class DemoShopper
{
    /// <summary>Share of a shopper's ordinary sessions spent in their preferred categories.</summary>
    public const double PreferredShare = 0.8;

    /// <summary>Share of shoppers who browse and fill carts but never check out.</summary>
    public const double NeverBuysShare = 0.12;

    /// <summary>Share of shoppers who stop visiting at some point of the window.</summary>
    public const double ChurnShare = 0.25;

    private DemoShopper(int customerIndex, IReadOnlyList<DemoCategoryPreference> preferred, double priceSensitivity,
        double sessionsPerWeek, double repeatPropensity, bool neverBuys, double? churnPoint)
    {
        CustomerIndex = customerIndex;
        PreferredCategories = preferred;
        PriceSensitivity = priceSensitivity;
        SessionsPerWeek = sessionsPerWeek;
        RepeatPropensity = repeatPropensity;
        NeverBuys = neverBuys;
        ChurnPoint = churnPoint;
    }

    public int CustomerIndex { get; }

    public string ExternalId => ExternalIdFor(CustomerIndex);

    /// <summary>One to three categories, heaviest first; the weights sum to 1.</summary>
    public IReadOnlyList<DemoCategoryPreference> PreferredCategories { get; }

    /// <summary>0 = buys by popularity alone, 1 = strongly favours the cheaper items of a category.</summary>
    public double PriceSensitivity { get; }

    /// <summary>Mean sessions per week while the shopper is active (before weekly seasonality).</summary>
    public double SessionsPerWeek { get; }

    /// <summary>Chance that a session of a shopper who has bought before is spent re-buying an earlier item.</summary>
    public double RepeatPropensity { get; }

    /// <summary>Browses and adds to cart, never checks out.</summary>
    public bool NeverBuys { get; }

    /// <summary>
    /// For churners, the fraction (0..1) of the shopper's active span inside the window after which they
    /// never come back; null for shoppers who stay.
    /// </summary>
    public double? ChurnPoint { get; }

    /// <summary>The taste weight of a category: 0 when it is not preferred.</summary>
    public double WeightOf(string category) =>
        PreferredCategories.FirstOrDefault(p => p.Category == category)?.Weight ?? 0;

    public static DemoShopper For(int seed, int customerIndex) => For(seed, customerIndex, DemoCategory.All);

    /// <summary>The taste of customer <paramref name="customerIndex"/> (1-based, as in <c>C000042</c>) in the shop made with <paramref name="seed"/>.</summary>
    public static DemoShopper For(int seed, int customerIndex, IReadOnlyList<DemoCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentOutOfRangeException.ThrowIfLessThan(customerIndex, 1);
        if (categories.Count == 0)
        {
            throw new ArgumentException("At least one category is needed.", nameof(categories));
        }

        var rng = DemoRandom.For(seed, DemoStream.Taste, customerIndex);

        // 1, 2 or 3 preferred categories (30 % / 45 % / 25 %), drawn without replacement in proportion to
        // category popularity; weights are a flat Dirichlet draw, heaviest on the first category drawn.
        var u = rng.NextDouble();
        var count = Math.Min(categories.Count, u < 0.30 ? 1 : u < 0.75 ? 2 : 3);
        var popularity = categories.Select(c => c.Popularity).ToArray();
        var chosen = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = rng.NextWeighted(popularity);
            chosen.Add(pick);
            popularity[pick] = 0;
        }

        var raw = chosen.Select(_ => -Math.Log(1.0 - rng.NextDouble())).OrderByDescending(w => w).ToArray();
        var total = raw.Sum();
        var preferred = chosen.Select((c, i) => new DemoCategoryPreference(categories[c].Name, raw[i] / total)).ToArray();

        // Triangular on [0, 1], mean 0.5.
        var priceSensitivity = (rng.NextDouble() + rng.NextDouble()) / 2;

        // Log-normal: median 0.7 sessions a week, a long tail of frequent visitors.
        var sessionsPerWeek = Math.Clamp(Math.Exp(Math.Log(0.7) + (0.8 * rng.NextGaussian())), 0.1, 7.0);

        // 0.05 .. 0.50, mean 0.20: most people rarely re-buy, a few do it all the time.
        var r = rng.NextDouble();
        var repeatPropensity = 0.05 + (0.45 * r * r);

        var neverBuys = rng.Chance(NeverBuysShare);
        var churns = rng.Chance(ChurnShare);
        var churnPoint = rng.NextDouble(0.2, 0.9);

        return new DemoShopper(customerIndex, preferred, priceSensitivity, sessionsPerWeek, repeatPropensity, neverBuys,
            churns ? churnPoint : null);
    }

    /// <summary><c>C000042</c> for index 42.</summary>
    public static string ExternalIdFor(int customerIndex) => string.Create(CultureInfo.InvariantCulture, $"C{customerIndex:D6}");

    /// <summary>Reads the index back from an ExternalId made by <see cref="ExternalIdFor"/>; false for anything else.</summary>
    public static bool TryParseCustomerIndex(string? externalId, out int index)
    {
        index = 0;
        if (externalId is null || externalId.Length < 7 || externalId[0] != 'C' || !externalId.AsSpan(1).ContainsOnlyDigits())
        {
            return false;
        }

        if (!int.TryParse(externalId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed < 1 || ExternalIdFor(parsed) != externalId)
        {
            return false;
        }

        index = parsed;
        return true;
    }
}

internal static class DemoSpanExtensions
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span)
    {
        foreach (var ch in span)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
