using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Core.Campaigns;

/// <summary>
/// Deterministic, stable assignment: SHA-256 of "campaign:customer" mapped to [0, 1) and cut by the
/// variants' cumulative traffic shares. The same customer always lands in the same variant of a campaign,
/// on any machine, and different campaigns split independently.
/// </summary>
public static class VariantAssigner
{
    public static double Bucket(int campaignId, int customerId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{campaignId}:{customerId}")), hash);
        // The top 53 bits make an exactly representable double in [0, 1).
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }

    public static T Assign<T>(int campaignId, int customerId, IReadOnlyList<T> variants, Func<T, double> share)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(share);
        if (variants.Count == 0)
        {
            throw new ArgumentException("A campaign needs at least one variant.", nameof(variants));
        }

        var total = variants.Sum(share);
        var point = Bucket(campaignId, customerId) * total;
        var cumulative = 0.0;
        foreach (var variant in variants)
        {
            cumulative += share(variant);
            if (point < cumulative)
            {
                return variant;
            }
        }

        return variants[^1];
    }

    /// <summary>
    /// A per-member coupon code: <paramref name="pattern"/> with <see cref="CampaignOffer.CodePlaceholder"/> replaced by 8
    /// symbols from 32 (collisions are negligible) that cannot be guessed from the customer id.
    /// </summary>
    public static string CouponCode(string pattern, int campaignId, int customerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"coupon:{campaignId}:{customerId}")), hash);
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = alphabet[hash[i] % alphabet.Length];
        }

        return pattern.Replace(CampaignOffer.CodePlaceholder, code.ToString(), StringComparison.Ordinal);
    }
}
