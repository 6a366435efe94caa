using System.Net;
using System.Net.Http.Headers;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Api;

/// <summary>Who may call the machine API, and how each refusal looks: always a problem body, never a login page.</summary>
[Collection(HostsTheApp.Name)]
public sealed class ApiAuthenticationTests(ApiApp api) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Get_Returns401WithChallenge_WhenNoKeyIsSent()
    {
        var campaign = await CampaignAsync();
        using var client = api.Client();

        var response = await client.GetAsync(AudienceUri(campaign));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Get_Returns401WithoutEchoingKey_WhenSecretIsWrong()
    {
        var campaign = await CampaignAsync();
        var key = (await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key;
        var wrong = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = api.Client(wrong);

        var response = await client.GetAsync(AudienceUri(campaign));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("The API key is not valid.", problem.Detail);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(wrong[^40..], body, StringComparison.Ordinal);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Returns401_WhenKeyIsMalformed()
    {
        var campaign = await CampaignAsync();
        using var client = api.Client("hunter2");

        var response = await client.GetAsync(AudienceUri(campaign));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("format", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Returns401_WhenKeyIsRevoked()
    {
        var campaign = await CampaignAsync();
        var created = await api.CreateKeyAsync([ApiScopes.AudiencesRead]);
        await api.Service<ApiKeyService>().RevokeAsync(created.Id, "admin");
        using var client = api.Client(created.Key);

        var response = await client.GetAsync(AudienceUri(campaign));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("The API key has been revoked.", problem.Detail);
    }

    [Fact]
    public async Task Get_Returns401_AsSoonAsAKeyInUseIsRevoked()
    {
        // The key's verification is cached after the first request; revoking it in this process drops it from the cache.
        var campaign = await CampaignAsync();
        var created = await api.CreateKeyAsync([ApiScopes.AudiencesRead]);
        using var client = api.Client(created.Key);
        var before = await client.GetAsync(AudienceUri(campaign));

        await api.Service<ApiKeyService>().RevokeAsync(created.Id, "admin");
        var after = await client.GetAsync(AudienceUri(campaign));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var problem = await Problem.ReadAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal("The API key has been revoked.", problem.Detail);
    }

    [Fact]
    public async Task Get_Returns403NamingScope_WhenKeyLacksIt()
    {
        var campaign = await CampaignAsync();
        var key = (await api.CreateKeyAsync([ApiScopes.EventsWrite, ApiScopes.RecommendationsRead])).Key;
        using var client = api.Client(key);

        var response = await client.GetAsync(AudienceUri(campaign));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains(ApiScopes.AudiencesRead, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Returns200_WhenKeyHasScopeInHeader()
    {
        var campaign = await CampaignAsync();
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key);

        var response = await client.GetAsync(AudienceUri(campaign));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Returns200_WhenKeyIsSentAsBearerToken()
    {
        var campaign = await CampaignAsync();
        using var client = api.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key);

        var response = await client.GetAsync(AudienceUri(campaign));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Returns429WithRetryAfter_WhenKeyExceedsItsLimit()
    {
        const int Limit = 3;
        var campaign = await CampaignAsync();
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead], requestsPerMinute: Limit)).Key);
        using var otherClient = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead], requestsPerMinute: Limit)).Key);

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < Limit; i++)
        {
            allowed.Add((await client.GetAsync(AudienceUri(campaign))).StatusCode);
        }

        var refused = await client.GetAsync(AudienceUri(campaign));
        var otherKey = await otherClient.GetAsync(AudienceUri(campaign));

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        await Problem.ReadAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }

    [Fact]
    public async Task Get_Returns404Problem_WhenPathIsNotAnEndpoint()
    {
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key);
        using var anonymous = api.Client();

        var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        var anonymousResponse = await anonymous.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        await Problem.ReadAsync(anonymousResponse, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_Returns400Problem_WhenQueryValueIsNotANumber()
    {
        var campaign = await CampaignAsync();
        using var client = api.Client((await api.CreateKeyAsync([ApiScopes.AudiencesRead])).Key);

        var response = await client.GetAsync(new Uri($"/api/audiences/{campaign.Id}?page=first", UriKind.Relative));

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    private static Uri AudienceUri(Campaign campaign) => new($"/api/audiences/{campaign.Id}", UriKind.Relative);

    private async Task<Campaign> CampaignAsync()
    {
        var campaign = new Campaign { Name = "Spring", CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        await using var db = await api.Contexts.CreateDbContextAsync();
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign;
    }
}
