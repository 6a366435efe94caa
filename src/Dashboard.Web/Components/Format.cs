using System.Globalization;

namespace Dashboard.Web.Components;

/// <summary>
/// How the UI writes numbers, dates and durations: one place, invariant culture, so that every page
/// (and every test) reads the same whatever the server's locale.
/// </summary>
public static class Format
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string Money(decimal value) => value.ToString("N2", Culture);

    public static string Money(double value) => value.ToString("N2", Culture);

    /// <summary>A file size in the unit people read it in: 950 B, 7.2 MB.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(Culture)} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", Culture)} KB",
        < 1024L * 1024 * 1024 => $"{(bytes / (1024.0 * 1024)).ToString("0.#", Culture)} MB",
        _ => $"{(bytes / (1024.0 * 1024 * 1024)).ToString("0.##", Culture)} GB",
    };

    public static string Percent(double fraction) => fraction.ToString("P1", Culture);

    /// <summary>A change as a percentage with its sign, e.g. "+12.0 %" or "-3.5 %".</summary>
    public static string SignedPercent(double fraction) => (fraction >= 0 ? "+" : "") + Percent(fraction);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", Culture);

    public static string Date(DateTime? value) => value is { } v ? v.ToString("yyyy-MM-dd", Culture) : "—";

    public static string DateTime(DateTime? value) => value is { } v ? v.ToString("yyyy-MM-dd HH:mm", Culture) : "—";

    public static string Duration(TimeSpan? value) => value switch
    {
        null => "—",
        { TotalSeconds: < 1 } => "< 1 s",
        { TotalMinutes: < 1 } v => $"{v.Seconds} s",
        { TotalHours: < 1 } v => $"{v.Minutes} min {v.Seconds} s",
        { } v => $"{(int)v.TotalHours} h {v.Minutes} min",
    };

    public static string Seconds(double seconds) => Duration(TimeSpan.FromSeconds(seconds));
}
