namespace Dashboard.Core.Demo;

/// <summary>When shoppers visit: weekly and daily rhythms (see README).</summary>
public static class DemoCalendar
{
    /// <summary>Multiplier of a shopper's session rate per day of week, indexed by <see cref="DayOfWeek"/> (Sunday = 0). Mean 1.</summary>
    public static IReadOnlyList<double> WeekdayFactors { get; } = [1.20, 0.85, 0.85, 0.90, 0.95, 1.00, 1.25];

    /// <summary>Relative weight of each hour of the day (UTC) for a session start: a lunch bump, an evening peak at 19-21 h.</summary>
    public static IReadOnlyList<double> HourWeights { get; } =
    [
        0.30, 0.20, 0.10, 0.10, 0.10, 0.20, 0.40, 0.70, 0.90, 1.00, 1.00, 1.10,
        1.40, 1.30, 1.00, 1.00, 1.10, 1.30, 1.70, 2.20, 2.40, 2.10, 1.40, 0.70,
    ];

    internal static double[] CumulativeHourWeights { get; } = DemoRandom.Cumulative(HourWeights);
}
