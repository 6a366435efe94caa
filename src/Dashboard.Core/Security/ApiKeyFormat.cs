using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Security;

/// <summary>
/// The key a client presents: <c>mkd_</c>, an 8-character id, <c>_</c>, then a 40-character secret
/// (about 238 random bits). The stored prefix (<c>mkd_</c> plus the id) finds the row; the secret never leaves the response that created it.
/// </summary>
internal static class ApiKeyFormat
{
    public const string Marker = "mkd_";
    public const int IdLength = 8;
    public const int SecretLength = 40;

    // No '_' in either alphabet, so the key splits unambiguously; the id is lower case so people can read it out.
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly SearchValues<char> IdChars = SearchValues.Create(IdAlphabet);
    private static readonly SearchValues<char> SecretChars = SearchValues.Create(SecretAlphabet);

    public static (string Prefix, string Key) Generate()
    {
        var prefix = Marker + RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        return (prefix, $"{prefix}_{RandomNumberGenerator.GetString(SecretAlphabet, SecretLength)}");
    }

    /// <summary>The prefix of a well-formed key, or null when the text cannot be one of ours.</summary>
    public static string? PrefixOf(string presented)
    {
        var prefixLength = Marker.Length + IdLength;
        if (presented.Length != prefixLength + 1 + SecretLength
            || !presented.StartsWith(Marker, StringComparison.Ordinal)
            || presented[prefixLength] != '_'
            || presented.AsSpan(Marker.Length, IdLength).ContainsAnyExcept(IdChars)
            || presented.AsSpan(prefixLength + 1).ContainsAnyExcept(SecretChars))
        {
            return null;
        }

        return presented[..prefixLength];
    }

    /// <summary>
    /// SHA-256 of the whole key, as lower-case hex. A fast, unsalted hash is right here (unlike for passwords):
    /// the secret is 238 random bits, not something a person chose, so there is no dictionary to try and
    /// brute force is hopeless however fast each guess is; a slow hash would only slow every API request.
    /// </summary>
    public static string Hash(string key) => Convert.ToHexStringLower(HashBytes(key));

    /// <summary>Compares in constant time, so response timing does not reveal how much of a guess was right.</summary>
    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(HashBytes(presented), Convert.FromHexString(storedHash));

    public static byte[] HashBytes(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
