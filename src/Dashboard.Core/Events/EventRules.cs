using System.Globalization;

namespace Dashboard.Core.Events;

/// <summary>
/// What makes a behaviour event valid, whichever way it arrives (<c>POST /api/events</c> or an events CSV import), so
/// that the two never disagree: a session id of at most <see cref="MaxSessionIdLength"/> characters, one of the
/// <see cref="EventType"/> names in any case, and a time in ISO 8601 with <c>Z</c> or an offset that is not more than
/// <see cref="AllowedClockSkew"/> ahead of the server's clock.
/// </summary>
public static class EventRules
{
    /// <summary>The column's size; the shop's ids are far shorter.</summary>
    public const int MaxSessionIdLength = 64;

    /// <summary>How far ahead of the server's clock an event may be, to allow for the shop's clock drifting.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, EventType> TypesByName =
        Enum.GetValues<EventType>().ToDictionary(t => t.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The type names, as messages list them: View, AddToCart, ...</summary>
    public static string TypeNames { get; } = string.Join(", ", Enum.GetNames<EventType>());

    /// <summary>A type by its name, ignoring case; numbers are not names.</summary>
    public static bool TryParseType(string? text, out EventType type)
    {
        type = default;
        return !string.IsNullOrWhiteSpace(text) && TypesByName.TryGetValue(text.Trim(), out type);
    }

    /// <summary>
    /// An ISO 8601 time with a zone (<c>Z</c> or an offset), as UTC. A time without a zone would be read in the server's
    /// zone; better refuse it than guess. Round-trip parsing leaves exactly those times Unspecified, and turns "Z" and
    /// offsets into an instant.
    /// </summary>
    public static bool TryParseTime(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            || parsed.Kind == DateTimeKind.Unspecified)
        {
            return false;
        }

        utc = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>Whether <paramref name="utc"/> is further ahead of <paramref name="now"/> than the clock skew allows.</summary>
    public static bool IsInFuture(DateTime utc, DateTime now) => utc > now + AllowedClockSkew;
}
