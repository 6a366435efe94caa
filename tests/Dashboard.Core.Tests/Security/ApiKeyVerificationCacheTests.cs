using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Security;

/// <summary>
/// Verified keys are trusted for <see cref="ApiKeyOptions.VerificationCacheFor"/> without reading the database; a revocation
/// through the service applies at once, one made elsewhere (straight in the database, as another instance would) within that time.
/// </summary>
public sealed class ApiKeyVerificationCacheTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly SqliteTestDatabase _db = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly ApiKeyService _keys;

    public ApiKeyVerificationCacheTests() => _keys = new ApiKeyService(
        _db, new AuditLog(_db, _clock), _clock, new ApiKeyVerificationCache(_clock, Options.Create(new ApiKeyOptions { VerificationCacheFor = Lifetime })));

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task AKeyRevokedElsewhere_WorksUntilTheCacheLifetimeEnds_ThenIsRefused()
    {
        var created = await CreateAsync();
        Assert.True((await _keys.VerifyAsync(created.Key)).Succeeded);

        await RevokeInTheDatabaseAsync(created.Id);
        _clock.Advance(Lifetime - TimeSpan.FromSeconds(1));
        var withinLifetime = await _keys.VerifyAsync(created.Key);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterLifetime = await _keys.VerifyAsync(created.Key);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var later = await _keys.VerifyAsync(created.Key);

        Assert.True(withinLifetime.Succeeded);
        Assert.Equal(ApiKeyFailure.Revoked, afterLifetime.Failure);
        Assert.Equal(ApiKeyFailure.Revoked, later.Failure);
    }

    [Fact]
    public async Task AKeyRevokedThroughTheService_IsRefusedAtOnce_EvenWhenCached()
    {
        var created = await CreateAsync();
        Assert.True((await _keys.VerifyAsync(created.Key)).Succeeded);

        await _keys.RevokeAsync(created.Id, "admin");

        Assert.Equal(ApiKeyFailure.Revoked, (await _keys.VerifyAsync(created.Key)).Failure);
    }

    [Fact]
    public async Task ACachedKey_AnswersWithTheSameIdentityScopesAndLimit()
    {
        var created = await CreateAsync(requestsPerMinute: 120);
        var fromDatabase = (await _keys.VerifyAsync(created.Key)).Key!;

        // Renamed behind the cache's back: the cached answer is still the one the database gave.
        await using (var db = _db.CreateDbContext())
        {
            await db.ApiKeys.ExecuteUpdateAsync(s => s.SetProperty(k => k.Name, "Renamed"));
        }

        var fromCache = (await _keys.VerifyAsync(created.Key)).Key!;

        Assert.Equal((created.Id, "Shop front", 120), (fromCache.Id, fromCache.Name, fromCache.RequestsPerMinute));
        Assert.Equal(fromDatabase.Scopes, fromCache.Scopes);
    }

    [Fact]
    public async Task AWrongSecret_IsUnknown_WhenItsPrefixIsCached()
    {
        var created = await CreateAsync();
        await _keys.VerifyAsync(created.Key);
        var wrong = created.Key[..^1] + (created.Key[^1] == 'a' ? 'b' : 'a');

        var verification = await _keys.VerifyAsync(wrong);

        Assert.Equal(ApiKeyFailure.Unknown, verification.Failure);
        Assert.True((await _keys.VerifyAsync(created.Key)).Succeeded);
    }

    [Fact]
    public async Task LastUse_IsStillRecorded_WhenTheKeyIsReadAgainAfterTheLifetime()
    {
        var created = await CreateAsync();
        var first = _clock.Now.UtcDateTime;
        await _keys.VerifyAsync(created.Key);

        // Used every few seconds for two minutes: read from the database once per lifetime, written once a minute.
        for (var i = 0; i < 24; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            await _keys.VerifyAsync(created.Key);
        }

        await using var db = _db.CreateDbContext();
        var lastUsed = await db.ApiKeys.Select(k => k.LastUsedAt).SingleAsync();
        Assert.NotNull(lastUsed);
        Assert.InRange(lastUsed.Value, first.AddMinutes(1), _clock.Now.UtcDateTime);
        Assert.True(_clock.Now.UtcDateTime - lastUsed.Value <= ApiKeyService.LastUsedResolution + Lifetime);
    }

    [Fact]
    public async Task AZeroLifetime_ReadsTheDatabaseEveryTime()
    {
        var keys = new ApiKeyService(_db, new AuditLog(_db, _clock), _clock, new ApiKeyVerificationCache(_clock, Options.Create(new ApiKeyOptions { VerificationCacheFor = TimeSpan.Zero })));
        var created = await keys.CreateAsync(new NewApiKey("Shop front", [ApiScopes.EventsWrite], 60), "admin");
        Assert.True((await keys.VerifyAsync(created.Key)).Succeeded);

        await RevokeInTheDatabaseAsync(created.Id);

        Assert.Equal(ApiKeyFailure.Revoked, (await keys.VerifyAsync(created.Key)).Failure);
    }

    private Task<CreatedApiKey> CreateAsync(int requestsPerMinute = 60) =>
        _keys.CreateAsync(new NewApiKey("Shop front", [ApiScopes.EventsWrite, ApiScopes.RecommendationsRead], requestsPerMinute), "admin");

    private async Task RevokeInTheDatabaseAsync(int id)
    {
        await using var db = _db.CreateDbContext();
        await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, _clock.Now.UtcDateTime));
    }
}
