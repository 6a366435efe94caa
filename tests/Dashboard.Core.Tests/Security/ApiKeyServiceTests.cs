using Dashboard.Core.Security;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Security;

public sealed class ApiKeyServiceTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 6, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly ApiKeyService _keys;

    public ApiKeyServiceTests() => _keys = new ApiKeyService(_db, new AuditLog(_db, _clock), _clock);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Verify_ReturnsKeyWithScopesAndLimit_WhenKeyWasJustCreated()
    {
        var created = await CreateAsync(scopes: [ApiScopes.RecommendationsRead, ApiScopes.EventsWrite], requestsPerMinute: 120);

        var verification = await _keys.VerifyAsync(created.Key);

        Assert.True(verification.Succeeded);
        var key = verification.Key!;
        Assert.Equal((created.Id, "Shop front", 120), (key.Id, key.Name, key.RequestsPerMinute));
        Assert.Equal([ApiScopes.EventsWrite, ApiScopes.RecommendationsRead], key.Scopes);
        Assert.Matches("^mkd_[a-z0-9]{8}_[A-Za-z0-9]{40}$", created.Key);
        Assert.StartsWith(created.Prefix + "_", created.Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StoresOnlySha256OfKey_NeverTheKey()
    {
        var created = await CreateAsync();

        await using var db = _db.CreateDbContext();
        var stored = await db.ApiKeys.SingleAsync();
        Assert.Equal(created.Prefix, stored.Prefix);
        Assert.Matches("^[0-9a-f]{64}$", stored.Hash);
        Assert.DoesNotContain(created.Key[(created.Prefix.Length + 1)..], stored.Hash, StringComparison.Ordinal);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(created.Key))),
            stored.Hash);
    }

    [Fact]
    public async Task Verify_FailsAsUnknown_WhenSecretIsWrongButPrefixExists()
    {
        var created = await CreateAsync();
        var lastChar = created.Key[^1] == 'a' ? 'b' : 'a';
        var wrong = created.Key[..^1] + lastChar;

        var verification = await _keys.VerifyAsync(wrong);

        Assert.Equal(ApiKeyFailure.Unknown, verification.Failure);
        Assert.Null(verification.Key);
    }

    [Theory]
    [InlineData(null, ApiKeyFailure.Missing)]
    [InlineData("  ", ApiKeyFailure.Missing)]
    [InlineData("not-a-key", ApiKeyFailure.Malformed)]
    [InlineData("mkd_ABCDEFGH_0123456789012345678901234567890123456789", ApiKeyFailure.Malformed)]
    [InlineData("mkd_abcdefgh_0123456789012345678901234567890123456789", ApiKeyFailure.Unknown)]
    public async Task Verify_ExplainsFailure_WhenKeyIsMissingMalformedOrUnknown(string? presented, ApiKeyFailure expected)
    {
        await CreateAsync();

        var verification = await _keys.VerifyAsync(presented);

        Assert.Equal(expected, verification.Failure);
    }

    [Fact]
    public async Task Verify_FailsAsRevoked_AfterRevoke()
    {
        var created = await CreateAsync();

        var revoked = await _keys.RevokeAsync(created.Id, "admin");
        var verification = await _keys.VerifyAsync(created.Key);

        Assert.True(revoked);
        Assert.Equal(ApiKeyFailure.Revoked, verification.Failure);
    }

    [Fact]
    public async Task Revoke_WritesNothing_WhenKeyIsAlreadyRevoked()
    {
        var created = await CreateAsync();
        await _keys.RevokeAsync(created.Id, "admin");
        _clock.Advance(TimeSpan.FromHours(1));

        var revokedAgain = await _keys.RevokeAsync(created.Id, "someone-else");

        Assert.False(revokedAgain);
        await using var db = _db.CreateDbContext();
        Assert.Equal(_clock.Now.UtcDateTime.AddHours(-1), (await db.ApiKeys.SingleAsync()).RevokedAt);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.ApiKeyRevoked));
    }

    [Fact]
    public async Task CreateAndRevoke_WriteAuditEntriesNamingActorAndPrefix()
    {
        var created = await CreateAsync(scopes: [ApiScopes.AudiencesRead], requestsPerMinute: 60);

        await _keys.RevokeAsync(created.Id, "other-admin");

        await using var db = _db.CreateDbContext();
        var entries = await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Collection(
            entries,
            e => Assert.Equal(("admin", AuditActions.ApiKeyCreated, AuditEntities.ApiKey, created.Prefix), (e.Actor, e.Action, e.EntityType, e.EntityId)),
            e => Assert.Equal(("other-admin", AuditActions.ApiKeyRevoked, AuditEntities.ApiKey, created.Prefix), (e.Actor, e.Action, e.EntityType, e.EntityId)));
        Assert.Contains("audiences:read", entries[0].Details, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, entries[0].Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", new[] { ApiScopes.EventsWrite }, 60, "name")]
    [InlineData("Shop", new string[0], 60, "at least one scope")]
    [InlineData("Shop", new[] { "events:delete" }, 60, "events:delete")]
    [InlineData("Shop", new[] { ApiScopes.EventsWrite }, 0, "between 1 and 10,000")]
    [InlineData("Shop", new[] { ApiScopes.EventsWrite }, 10_001, "between 1 and 10,000")]
    public async Task Create_RefusesAndStoresNothing_WhenRequestIsInvalid(string name, string[] scopes, int requestsPerMinute, string expectedMessage)
    {
        var ex = await Assert.ThrowsAsync<ApiKeyRuleException>(() => _keys.CreateAsync(new NewApiKey(name, scopes, requestsPerMinute), "admin"));

        Assert.Contains(expectedMessage, ex.Message, StringComparison.Ordinal);
        await using var db = _db.CreateDbContext();
        Assert.False(await db.ApiKeys.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
    }

    [Fact]
    public async Task Verify_RecordsLastUseAtMostOncePerMinute()
    {
        var created = await CreateAsync();
        var first = _clock.Now.UtcDateTime;

        await _keys.VerifyAsync(created.Key);
        _clock.Advance(TimeSpan.FromSeconds(59));
        await _keys.VerifyAsync(created.Key);
        var afterTwoUses = await LastUsedAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _keys.VerifyAsync(created.Key);

        Assert.Equal(first, afterTwoUses);
        Assert.Equal(first.AddMinutes(1), await LastUsedAsync());
    }

    [Fact]
    public async Task List_ShowsKeysNewestFirstWithStatus()
    {
        var older = await CreateAsync(name: "Old client");
        _clock.Advance(TimeSpan.FromMinutes(5));
        await CreateAsync(name: "New client", scopes: [ApiScopes.AudiencesRead, ApiScopes.EventsWrite]);
        await _keys.RevokeAsync(older.Id, "admin");

        var keys = await _keys.ListAsync();

        Assert.Equal(["New client", "Old client"], keys.Select(k => k.Name));
        Assert.Equal([ApiScopes.EventsWrite, ApiScopes.AudiencesRead], keys[0].Scopes);
        Assert.Equal([false, true], keys.Select(k => k.IsRevoked));
        Assert.Equal("admin", keys[0].CreatedBy);
    }

    private Task<CreatedApiKey> CreateAsync(string name = "Shop front", string[]? scopes = null, int requestsPerMinute = 60) =>
        _keys.CreateAsync(new NewApiKey(name, scopes ?? [ApiScopes.EventsWrite], requestsPerMinute), "admin");

    private async Task<DateTime?> LastUsedAsync()
    {
        await using var db = _db.CreateDbContext();
        return await db.ApiKeys.Select(k => k.LastUsedAt).SingleAsync();
    }
}
