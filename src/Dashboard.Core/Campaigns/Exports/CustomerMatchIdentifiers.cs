using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Campaigns.Exports;

/// <summary>
/// The normalised, SHA-256-hashed identifiers that ad platforms match customer lists on (Google Ads Customer Match and
/// Meta custom audiences take the same form): lower-case hex digests of the normalised e-mail address and of the phone
/// number in E.164. Normalising first matters: "Ann@Example.com " and "ann@example.com" must hash alike, or the platform
/// matches nobody. Identifiers that cannot be normalised are left out (null) rather than hashed wrongly.
/// </summary>
public static class CustomerMatchIdentifiers
{
    /// <summary>Trimmed and lower-cased; null when it is not an address (no single @ with text on both sides).</summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 1 ? trimmed : null;
    }

    /// <summary>
    /// E.164 ("+" and 8 to 15 digits): an international number ("+…" or "00…") keeps its country code; a national one
    /// loses its trunk 0 and gets the calling code of the customer's country. Null when neither is possible.
    /// </summary>
    public static string? NormalizePhone(string? phone, string? country)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var trimmed = phone.Trim();
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        string? e164;
        if (trimmed.StartsWith('+'))
        {
            e164 = "+" + digits;
        }
        else if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            e164 = "+" + digits[2..];
        }
        else
        {
            e164 = CallingCodes.For(country) is { } code ? "+" + code + digits.TrimStart('0') : null;
        }

        return e164 is { Length: >= 9 and <= 16 } ? e164 : null;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text, as the platforms expect.</summary>
    public static string Sha256(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));

    public static string? HashedEmail(string? email) => NormalizeEmail(email) is { } e ? Sha256(e) : null;

    public static string? HashedPhone(string? phone, string? country) => NormalizePhone(phone, country) is { } p ? Sha256(p) : null;
}
