using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Privacy;

/// <summary>
/// Remembers that a shop customer id was erased, so that importing an older file does not bring the person back.
/// Only a hash of the id is kept. A suppression list can, by its nature, answer "was this id erased?" for someone
/// who already holds the id; it cannot give the id back to someone who does not.
/// </summary>
public class ErasedIdentifier
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the trimmed shop customer id with a fixed prefix, hex (see <see cref="HashOf"/>).</summary>
    public required string Hash { get; set; }

    public DateTime ErasedAt { get; set; }

    /// <summary>How a shop session id is written in the list: sessions of an erased customer are renamed, and an old
    /// events file must not bring their original ids back.</summary>
    public const string SessionPrefix = "session:";

    public static string HashOfSession(string sessionId) => HashOf(SessionPrefix + sessionId);

    public static string HashOf(string externalId)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("erased-customer:" + externalId.Trim())));
    }
}
