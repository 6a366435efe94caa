namespace Dashboard.Core.Profiles;

/// <summary>The purchase summary of one customer that RFM scores are computed from.</summary>
public readonly record struct RfmInput(int CustomerId, int RecencyDays, int Frequency, double Monetary);

public readonly record struct RfmScore(int CustomerId, int Recency, int Frequency, int Monetary, string Segment);

/// <summary>
/// Quintile RFM scores and the standard named segments.
/// A score is 1 + floor(5 * (customers strictly worse) / n): ties share a score, the best fifth gets 5.
/// For recency, "worse" means more days since the last purchase.
/// </summary>
public static class RfmScoring
{
    public const string Prospect = "Prospect";

    /// <summary>The named segments, best first, with what a marketer should do about each.</summary>
    public static IReadOnlyList<(string Name, string Description)> Segments { get; } =
    [
        ("Champions", "Bought recently, buy often: reward them, ask for reviews, early access."),
        ("Loyal", "Buy often and fairly recently: upsell, loyalty programme."),
        ("Potential Loyalist", "Recent customers with a few orders: offer membership, recommend more."),
        ("New", "First order very recently: onboard them, build the relationship."),
        ("Promising", "Recent, but bought once: create brand awareness, free trials."),
        ("Need Attention", "Average recency and frequency: limited-time offers, recommend from history."),
        ("About to Sleep", "Below average recency, few orders: reactivate before they are lost."),
        ("At Risk", "Bought often but long ago: personalised win-back, renewals."),
        ("Can't Lose Them", "Used to be the best, not seen for long: win them back, talk to them."),
        ("Hibernating", "Few orders, long ago: relevant offers or let go."),
        ("Lost", "Lowest recency and frequency: only cheap reactivation, else ignore."),
        (Prospect, "Never purchased: welcome series, first-order incentive."),
    ];

    public static IReadOnlyList<RfmScore> Score(IReadOnlyList<RfmInput> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var n = customers.Count;
        if (n == 0)
        {
            return [];
        }

        // Sorted copies let us count "strictly worse" customers with a binary search: O(n log n).
        var recency = customers.Select(c => c.RecencyDays).Order().ToArray();
        var frequency = customers.Select(c => c.Frequency).Order().ToArray();
        var monetary = customers.Select(c => c.Monetary).Order().ToArray();

        var scores = new RfmScore[n];
        for (var i = 0; i < n; i++)
        {
            var c = customers[i];
            var r = Quintile(n - CountAtMost(recency, c.RecencyDays), n);
            var f = Quintile(CountBelow(frequency, c.Frequency), n);
            var m = Quintile(CountBelow(monetary, c.Monetary), n);
            scores[i] = new RfmScore(c.CustomerId, r, f, m, SegmentOf(r, f));
        }

        return scores;
    }

    /// <summary>
    /// The widely used R x F segment map (R and F scores 1-5), with "Lost" split off the bottom
    /// corner of "Hibernating" so that each of the eleven named segments exists.
    /// </summary>
    public static string SegmentOf(int recency, int frequency)
    {
        if (recency is < 1 or > 5 || frequency is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(recency), "RFM scores run from 1 to 5.");
        }

        return (recency, frequency) switch
        {
            (1, 1) => "Lost",
            (<= 2, <= 2) => "Hibernating",
            (<= 2, 5) => "Can't Lose Them",
            (<= 2, _) => "At Risk",
            (3, <= 2) => "About to Sleep",
            (3, 3) => "Need Attention",
            (_, >= 4) when recency == 5 => "Champions",
            (_, >= 4) => "Loyal",
            (4, 1) => "Promising",
            (5, 1) => "New",
            _ => "Potential Loyalist",
        };
    }

    private static int Quintile(int worse, int n) => 1 + (int)(5L * worse / n);

    private static int CountBelow<T>(T[] sorted, T value)
        where T : IComparable<T>
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].CompareTo(value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int CountAtMost(int[] sorted, int value) => CountBelow(sorted, value + 1);
}
