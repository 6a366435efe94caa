using Dashboard.Web.Admin;
using Dashboard.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Web.Tests.Infrastructure;

namespace Dashboard.Web.Tests.Admin;

/// <summary>The admin page's services resolve in the real app, where the authentication state comes from the circuit.</summary>
[Collection(HostsTheApp.Name)]
public sealed class AdminServicesTests(ApiApp api) : IClassFixture<ApiApp>
{
    [Fact]
    public void ApiKeysPageService_Resolves_InRealApp()
    {
        using var scope = api.App.Services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ApiKeysPageService>());
    }
}
