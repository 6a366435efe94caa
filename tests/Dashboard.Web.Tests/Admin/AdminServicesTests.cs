using Dashboard.Web.Admin;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

/// <summary>The admin page's services resolve in the real app, where the authentication state comes from the circuit.</summary>
public sealed class AdminServicesTests(ApiApp api) : IClassFixture<ApiApp>
{
    [Fact]
    public void ApiKeysPageService_Resolves_InRealApp()
    {
        using var scope = api.App.Services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ApiKeysPageService>());
    }
}
