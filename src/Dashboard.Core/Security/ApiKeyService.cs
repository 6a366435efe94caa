using Dashboard.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Security;

/// <summary>
/// Creates, lists, revokes and verifies machine clients' API keys. Only a hash of each key is stored
/// (see <see cref="ApiKeyFormat"/>); creating and revoking are audited in the same unit of work as the change.
/// With a <paramref name="cache"/> (the host's singleton), verified keys are trusted for a short while without reading
/// the database (<see cref="ApiKeyVerificationCache"/>); without one, every verification reads it.
/// </summary>
public sealed class ApiKeyService(
    IDbContextFactory<DashboardDbContext> contexts, AuditLog audit, TimeProvider clock, ApiKeyVerificationCache? cache = null)
{
    /// <summary>
    /// How stale "last used" may get. Verification runs on every API request; writing the time on each one
    /// would turn every read into a write (and serialise on SQLite's single writer) for a value people read in minutes.
    /// </summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Creates the key and returns its plaintext: the one and only time it can be shown.</summary>
    public async Task<CreatedApiKey> CreateAsync(NewApiKey request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new ApiKeyRuleException(string.Join(" ", errors));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (prefix, plaintext) = await NewUniqueKeyAsync(db, cancellationToken);
        var scopes = ApiScopes.All.Where(request.Scopes.Contains).ToList();
        var key = new ApiKey
        {
            Name = request.Name.Trim(),
            Prefix = prefix,
            Hash = ApiKeyFormat.Hash(plaintext),
            Scopes = string.Join(' ', scopes),
            RequestsPerMinute = request.RequestsPerMinute,
            CreatedBy = actor,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiKeys.Add(key);

        // The prefix identifies the key in the audit log: it is known before the insert, so both rows commit together.
        audit.Add(db, actor, AuditActions.ApiKeyCreated, AuditEntities.ApiKey, prefix, $"scopes: {key.Scopes}; limit: {key.RequestsPerMinute}/min");
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key.Id, prefix, plaintext);
    }

    /// <summary>Revokes the key; true if this call revoked it, false if it already was (nothing is written then).</summary>
    public async Task<bool> RevokeAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
            ?? throw new ApiKeyRuleException($"API key {id} does not exist.");
        if (key.RevokedAt is not null)
        {
            return false;
        }

        key.RevokedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(db, actor, AuditActions.ApiKeyRevoked, AuditEntities.ApiKey, key.Prefix);
        await db.SaveChangesAsync(cancellationToken);
        cache?.Forget(key.Prefix);
        return true;
    }

    /// <summary>All keys, newest first, without their hashes.</summary>
    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(k => new { k.Id, k.Name, k.Prefix, k.Scopes, k.RequestsPerMinute, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(k => new ApiKeySummary(
            k.Id, k.Name, k.Prefix, SplitScopes(k.Scopes), k.RequestsPerMinute, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList();
    }

    /// <summary>
    /// Checks a presented key; on success records that it was used (at most once per <see cref="LastUsedResolution"/>,
    /// and, with the cache, when the key is next read from the database: within <see cref="LastUsedResolution"/> plus
    /// <see cref="ApiKeyOptions.VerificationCacheFor"/> of its actual use).
    /// </summary>
    public async Task<ApiKeyVerification> VerifyAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return ApiKeyVerification.Fail(ApiKeyFailure.Missing);
        }

        if (ApiKeyFormat.PrefixOf(presented) is not { } prefix)
        {
            return ApiKeyVerification.Fail(ApiKeyFailure.Malformed);
        }

        if (cache?.Find(prefix, presented) is { } cached)
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.Name, k.Hash, k.Scopes, k.RequestsPerMinute, k.LastUsedAt, k.RevokedAt })
            .SingleOrDefaultAsync(cancellationToken);

        // A wrong secret reads as "unknown", and "revoked" only once the secret matched: a guess learns nothing.
        if (key is null || !ApiKeyFormat.Matches(presented, key.Hash))
        {
            return ApiKeyVerification.Fail(ApiKeyFailure.Unknown);
        }

        if (key.RevokedAt is not null)
        {
            return ApiKeyVerification.Fail(ApiKeyFailure.Revoked);
        }

        await TouchAsync(db, key.Id, key.LastUsedAt, cancellationToken);
        var verified = new VerifiedApiKey(key.Id, key.Name, SplitScopes(key.Scopes), key.RequestsPerMinute);
        cache?.Remember(prefix, key.Hash, verified);
        return ApiKeyVerification.Success(verified);
    }

    private async Task TouchAsync(DashboardDbContext db, int id, DateTime? lastUsedAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staleBefore = now - LastUsedResolution;
        if (lastUsedAt > staleBefore)
        {
            return;
        }

        // Conditional, so that concurrent requests that all saw a stale time still write once.
        await db.ApiKeys
            .Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
    }

    private static async Task<(string Prefix, string Key)> NewUniqueKeyAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        // 36^8 ids make a clash very unlikely, but the prefix is a unique index: check rather than fail the insert.
        while (true)
        {
            var candidate = ApiKeyFormat.Generate();
            if (!await db.ApiKeys.AnyAsync(k => k.Prefix == candidate.Prefix, cancellationToken))
            {
                return candidate;
            }
        }
    }

    private static List<string> SplitScopes(string scopes) => [.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
