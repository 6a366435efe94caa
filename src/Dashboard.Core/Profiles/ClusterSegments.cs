using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Profiles;

/// <summary>
/// How clusters are numbered and named, in one place: profiles store the number people see (1, 2, ...), and the
/// cluster's segment is called "Cluster N: description", so pages can go from a segment to its customers and back.
/// </summary>
public static partial class ClusterSegments
{
    public const int MaxNameLength = 80;

    /// <summary>The number shown and stored on profiles for a cluster (its 0-based index + 1).</summary>
    public static int Number(ClusterDescription cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Index + 1;
    }

    /// <summary>Numbered so that two clusters described alike stay distinct; cut to the segment name's length.</summary>
    public static string Name(ClusterDescription cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var name = NamePrefix(Number(cluster)) + " " + cluster.Name;
        return name.Length <= MaxNameLength ? name : name[..MaxNameLength];
    }

    public static string NamePrefix(int number) => string.Create(CultureInfo.InvariantCulture, $"Cluster {number}:");

    /// <summary>The cluster number of a segment named by <see cref="Name"/>, or null for any other name.</summary>
    public static int? NumberOf(string segmentName) =>
        NumberPattern().Match(segmentName) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^Cluster (\d+):")]
    private static partial Regex NumberPattern();
}
