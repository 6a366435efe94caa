using System.Net;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Security;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Api;

/// <summary>POST /api/experiments/analyze: the statistics engine behind an API key with its own scope.</summary>
[Collection(HostsTheApp.Name)]
public sealed class ExperimentsApiTests(ApiApp api) : IClassFixture<ApiApp>
{
    private static readonly Uri Analyze = new("/api/experiments/analyze", UriKind.Relative);

    private const string ValidRequest = """
        {"metric":"proportion","alpha":0.05,"plannedSplit":[0.5,0.5],"sequential":false,"sequentialTuning":5000,
         "prior":{"mean":0,"variance":0.3},
         "variants":[{"name":"control","n":4000,"conversions":200},{"name":"personalized","n":4100,"conversions":248}]}
        """;

    [Fact]
    public async Task Post_ReturnsTheDocumentedAnalysis_WhenRequestIsValid()
    {
        using var client = await ClientAsync([ApiScopes.ExperimentsAnalyze]);

        var response = await client.PostAsync(Analyze, Json(ValidRequest));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        // scipy.stats.chisquare([4000, 4100], f_exp=[4050, 4050]).pvalue -> 0.2665205258050076; the Core tests check the rest.
        Assert.Equal(0.2665205258050076, root.GetProperty("srmPValue").GetDouble(), 1e-10);
        var control = root.GetProperty("variants")[0];
        Assert.Equal("control", control.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, control.GetProperty("absoluteEffect").ValueKind);
        Assert.Equal(JsonValueKind.Null, control.GetProperty("adjustedPValue").ValueKind);
        var treatment = root.GetProperty("variants")[1];
        Assert.Equal(248 / 4100.0 - 0.05, treatment.GetProperty("absoluteEffect").GetDouble(), 1e-12);
        Assert.Equal(2, treatment.GetProperty("relativeCi").GetArrayLength());
        Assert.InRange(treatment.GetProperty("chanceToWin").GetDouble(), 0.9, 1);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Theory]
    [InlineData("""{"metric":"mean","variants":[{"name":"c","n":100,"sum":40,"sumSquares":30},{"name":"t","n":-1,"sum":40,"sumSquares":30}]}""", "variants[1].n", "is negative.")]
    [InlineData("""{"metric":"mean","variants":[{"name":"c","n":100,"sum":40,"sumSquares":30},{"name":"t","n":100,"sum":40,"sumSquares":10}]}""", "variants[1].sumSquares", "is smaller than sum²/n, which no data can give.")]
    [InlineData("""{"metric":"proportion","variants":[{"name":"c","n":100,"conversions":5}]}""", "variants", "needs at least two variants, the first being the control.")]
    [InlineData("""{"metric":"proportion","plannedSplit":[0.6,0.6],"variants":[{"name":"c","n":100,"conversions":5},{"name":"t","n":100,"conversions":7}]}""", "plannedSplit", "must add up to 1 (it adds up to 1.2).")]
    [InlineData("""{"metric":"proportion","variants":[{"name":"c","n":"many","conversions":5}]}""", "variants[0].n", "is not valid JSON")]
    public async Task Post_Returns400NamingTheField_WhenInputIsBad(string body, string field, string message)
    {
        using var client = await ClientAsync([ApiScopes.ExperimentsAnalyze]);

        var response = await client.PostAsync(Analyze, Json(body));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"{field}: {message}", problem.Detail, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Post_Returns401_WhenNoKeyIsSent()
    {
        using var client = api.Client();

        var response = await client.PostAsync(Analyze, Json(ValidRequest));

        await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_Returns403NamingScope_WhenKeyLacksIt()
    {
        using var client = await ClientAsync([ApiScopes.AudiencesRead, ApiScopes.EventsWrite]);

        var response = await client.PostAsync(Analyze, Json(ValidRequest));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains(ApiScopes.ExperimentsAnalyze, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Returns415_WhenBodyIsNotJson()
    {
        using var client = await ClientAsync([ApiScopes.ExperimentsAnalyze]);

        var response = await client.PostAsync(Analyze, new StringContent(ValidRequest, Encoding.UTF8, "text/plain"));

        await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private async Task<HttpClient> ClientAsync(string[] scopes) => api.Client((await api.CreateKeyAsync(scopes)).Key);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
