using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Security;

/// <summary>
/// Keys verified recently, so that an API request need not read its key from the database each time (see
/// <see cref="ApiKeyOptions.VerificationCacheFor"/> for how long, and what that means for revocation). A singleton.
/// Only keys that verified are kept, by prefix, with the SHA-256 of the whole key (never the key): a request whose
/// secret does not match that hash is refused as unknown, exactly as the database would refuse it. Unknown and revoked
/// keys are not kept, so random guesses cannot fill the cache and a revoked key is read from the database every time.
/// </summary>
public sealed class ApiKeyVerificationCache(TimeProvider clock, IOptions<ApiKeyOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => options.Value.VerificationCacheFor;

    /// <summary>
    /// The cached answer for a well-formed key with this prefix: success, or unknown when the secret does not match the
    /// cached key's hash; null when nothing fresh is cached and the database must decide.
    /// </summary>
    internal ApiKeyVerification? Find(string prefix, string presented)
    {
        if (!_entries.TryGetValue(prefix, out var entry))
        {
            return null;
        }

        if (clock.GetUtcNow() - entry.VerifiedAt >= Lifetime)
        {
            // Stale: drop it (unless a fresher one replaced it meanwhile) and let the database decide again.
            _entries.TryRemove(KeyValuePair.Create(prefix, entry));
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(ApiKeyFormat.HashBytes(presented), entry.Hash)
            ? ApiKeyVerification.Success(entry.Key)
            : ApiKeyVerification.Fail(ApiKeyFailure.Unknown);
    }

    /// <summary>Remembers a key the database has just verified.</summary>
    internal void Remember(string prefix, string storedHash, VerifiedApiKey key)
    {
        if (Lifetime > TimeSpan.Zero)
        {
            _entries[prefix] = new Entry(Convert.FromHexString(storedHash), key, clock.GetUtcNow());
        }
    }

    /// <summary>
    /// Forgets a key at once, e.g. because this process has just revoked it. A verification that read the key just
    /// before the revocation committed may still remember it afterwards: then it is trusted for at most the lifetime,
    /// as on another instance.
    /// </summary>
    internal void Forget(string prefix) => _entries.TryRemove(prefix, out _);

    private sealed record Entry(byte[] Hash, VerifiedApiKey Key, DateTimeOffset VerifiedAt);
}
